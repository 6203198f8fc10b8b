package dev.passerelle.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bound on unauthenticated refusal lines: N a second, the rest counted into the next line. */
class RefusalLimiterTest {
    @Test
    void admitsNPerSecondAndHandsTheCountOfTheRestToTheNextAdmitted() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        RefusalLimiter limiter = new RefusalLimiter(3, now::get);
        assertEquals(0, limiter.admit());
        assertEquals(0, limiter.admit());
        assertEquals(0, limiter.admit());
        for (int i = 0; i < 1000; i++) {
            assertEquals(-1, limiter.admit(), "a flood within one second is left out");
        }
        now.addAndGet(999_999_999L);
        assertEquals(-1, limiter.admit(), "still the same second");
        now.addAndGet(1);
        assertEquals(1001, limiter.admit(), "the next second's first line says how many were left out");
        assertEquals(0, limiter.admit());
    }

    @Test
    void namesTheOperationOfEachDataRoute() {
        assertEquals("get", RefusalAudit.operation("GET", "/api/v1/buckets/b1b/objects/k", "b1b", "k"));
        assertEquals("list", RefusalAudit.operation("GET", "/api/v1/buckets/b1b/objects", "b1b", null));
        assertEquals("placement", RefusalAudit.operation("GET", "/api/v1/buckets/b1b/placement", "b1b", null));
        assertEquals("create-bucket", RefusalAudit.operation("PUT", "/api/v1/buckets/b1b", "b1b", null));
        assertEquals("delete-bucket", RefusalAudit.operation("DELETE", "/api/v1/buckets/b1b", "b1b", null));
        assertEquals("list-buckets", RefusalAudit.operation("GET", "/api/v1/buckets", null, null));
        assertEquals(null, RefusalAudit.operation("GET", "/api/v1/backends", null, null));
    }
}
