package dev.passerelle.core.decorators;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.FakeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryingBlobStoreTest {
    private final CallContext ctx = CallContext.of("t");
    private final List<Duration> sleeps = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250));
    private FakeStore fake;
    private RetryingBlobStore store;

    @BeforeEach
    void setUp() {
        fake = new FakeStore("f");
        fake.containers.put("box", new ConcurrentSkipListMap<>());
        fake.containers.get("box").put("k", new byte[] {7});
        store = new RetryingBlobStore(fake, policy, sleeps::add, new Random(42));
    }

    /** Fails the named operation with this kind the first {@code times} calls. */
    private void failFirst(String op, int times, ErrorKind kind) {
        AtomicInteger n = new AtomicInteger();
        fake.hook = (o, data) -> {
            if (o.equals(op) && n.incrementAndGet() <= times) {
                throw new StorageException(kind, "injected " + kind);
            }
        };
    }

    @Test
    void retryableFailuresAreRetriedUntilSuccess() {
        failFirst("head", 3, ErrorKind.UNAVAILABLE);
        assertEquals(1, store.head("box", "k", GetOptions.defaults()).size());
        assertEquals(4, fake.calls("head"));
        assertEquals(3, sleeps.size());
    }

    @Test
    void backoffIsJitteredAndBounded() {
        failFirst("listPage", 3, ErrorKind.TIMEOUT);
        store.listPage("box", ListRequest.all());
        assertTrue(sleeps.get(0).toMillis() <= 100, sleeps.toString());
        assertTrue(sleeps.get(1).toMillis() <= 200, sleeps.toString());
        assertTrue(sleeps.get(2).toMillis() <= 250, sleeps.toString());
        assertTrue(sleeps.stream().allMatch(d -> !d.isNegative()));
    }

    @Test
    void policyBackoffGrowsExponentiallyUpToTheMaximum() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(1000));
        Random always = new Random() {
            @Override
            public long nextLong(long bound) {
                return bound - 1; // the largest value the jitter can take
            }
        };
        assertEquals(10, p.backoff(1, always).toMillis());
        assertEquals(20, p.backoff(2, always).toMillis());
        assertEquals(80, p.backoff(4, always).toMillis());
        assertEquals(1000, p.backoff(9, always).toMillis());
        assertEquals(1000, p.backoff(60, always).toMillis(), "no overflow for late attempts");
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        failFirst("get", 100, ErrorKind.RATE_LIMITED);
        StorageException e = assertThrows(StorageException.class, () -> store.get("box", "k", GetOptions.defaults()));
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(4, fake.calls("get"));
        assertEquals(3, sleeps.size());
    }

    @Test
    void anErrorThatSpentItsAttemptsIsRethrownPersistent() {
        failFirst("head", 100, ErrorKind.UNAVAILABLE);
        StorageException e = assertThrows(StorageException.class, () -> store.head("box", "k", GetOptions.defaults()));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), "kind, code and status stay");
        assertEquals("backend_unavailable", e.code());
        assertFalse(e.retryable(), "no outer layer may retry it again");
        assertEquals(4, e.attempts());
        assertTrue(e.getMessage().endsWith("(after 4 attempts)"), e.getMessage());
        // an outer retry layer (a second one by mistake) makes no further call
        int before = fake.calls("head");
        assertThrows(StorageException.class, () -> new RetryingBlobStore(store, policy, sleeps::add, new Random(1))
                .head("box", "k", GetOptions.defaults()));
        assertEquals(before + 4, fake.calls("head"), "4 attempts, not 16");
    }

    @Test
    void oneAttemptMarksTheFailurePersistentToo() {
        RetryingBlobStore once = new RetryingBlobStore(fake, policy.withMaxAttempts(1), sleeps::add, new Random(1));
        failFirst("listPage", 5, ErrorKind.TIMEOUT);
        StorageException e = assertThrows(StorageException.class, () -> once.listPage("box", ListRequest.all()));
        assertFalse(e.retryable());
        assertEquals(1, e.attempts());
        assertEquals(1, fake.calls("listPage"));
    }

    @Test
    void aPutWhoseStreamWasReadKeepsItsRetryableMark() {
        fake.hook = (o, data) -> {
            if (o.equals("put")) {
                data.read();
                throw new StorageException(ErrorKind.UNAVAILABLE, "connection reset mid-body");
            }
        };
        StorageException e = assertThrows(StorageException.class,
                () -> store.put("box", "p", new ByteArrayInputStream(new byte[] {1, 2}), 2, PutOptions.defaults()));
        assertTrue(e.retryable(), "the call layer could not replay it: the caller, who can read the source again, may");
        assertEquals(0, e.attempts());
    }

    @Test
    void nonRetryableFailuresAreNotRetried() {
        StorageException e = assertThrows(StorageException.class, () -> store.head("box", "missing", GetOptions.defaults()));
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, e.kind());
        assertEquals(1, fake.calls("head"));
        failFirst("copy", 5, ErrorKind.BACKEND_AUTH_FAILED);
        assertThrows(StorageException.class, () -> store.copy("box", "k", "box", "k2", null));
        assertEquals(1, fake.calls("copy"));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void anExplicitlyNonRetryableExceptionOfARetryableKindIsNotRetried() {
        fake.hook = (o, d) -> {
            throw new StorageException(ErrorKind.UNAVAILABLE, null, "closed for good", false, null);
        };
        assertThrows(StorageException.class, () -> store.listContainers(ctx));
        assertEquals(1, fake.calls("listContainers"));
    }

    @Test
    void putIsRetriedWhenItsStreamWasNeverRead() {
        failFirst("put", 2, ErrorKind.UNAVAILABLE);
        byte[] body = {1, 2, 3, 4};
        store.put("box", "p", new ByteArrayInputStream(body), 4, PutOptions.defaults());
        assertEquals(3, fake.calls("put"));
        assertArrayEquals(body, fake.containers.get("box").get("p"));
    }

    @Test
    void putIsNotRetriedOnceOneByteWasConsumed() throws IOException {
        fake.hook = (o, data) -> {
            if (o.equals("put")) {
                data.read();
                throw new StorageException(ErrorKind.UNAVAILABLE, "connection reset mid-body");
            }
        };
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[] {1, 2, 3});
        StorageException e = assertThrows(StorageException.class, () -> store.put("box", "p", body, 3, PutOptions.defaults()));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(1, fake.calls("put"));
        assertEquals(2, body.available());
    }

    @Test
    void anEmptyPutThatReachedTheEndOfItsStreamIsNotRetried() {
        fake.hook = (o, data) -> {
            if (o.equals("put")) {
                assertEquals(-1, data.read(new byte[8], 0, 8));
                throw new StorageException(ErrorKind.TIMEOUT, "no answer after the body");
            }
        };
        assertThrows(StorageException.class, () -> store.put("box", "p", InputStream.nullInputStream(), 0, PutOptions.defaults()));
        assertEquals(1, fake.calls("put"));
    }

    @Test
    void aPutWhoseStreamFailedIsNotRetried() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };
        fake.hook = (o, data) -> {
            if (o.equals("put")) {
                try {
                    data.read();
                } catch (IOException e) {
                    throw new StorageException(ErrorKind.UNAVAILABLE, "read failed", e);
                }
            }
        };
        assertThrows(StorageException.class, () -> store.put("box", "p", broken, -1, PutOptions.defaults()));
        assertEquals(1, fake.calls("put"));
    }

    @Test
    void aRetriedDeleteTreatsNotFoundAsSuccess() {
        AtomicInteger n = new AtomicInteger();
        fake.hook = (o, d) -> {
            if (o.equals("delete") && n.incrementAndGet() == 1) {
                fake.containers.get("box").remove("k"); // the first attempt deleted, then its answer was lost
                throw new StorageException(ErrorKind.TIMEOUT, "answer lost");
            }
        };
        store.delete("box", "k", ctx);
        assertEquals(2, fake.calls("delete"));
    }

    @Test
    void aFirstAttemptNotFoundOnDeleteIsReported() {
        StorageException e = assertThrows(StorageException.class, () -> store.delete("box", "missing", ctx));
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, e.kind());
        assertEquals(1, fake.calls("delete"));
    }

    @Test
    void aRetriedContainerDeleteTreatsNotFoundAsSuccess() {
        fake.containers.put("empty", new ConcurrentSkipListMap<>());
        AtomicInteger n = new AtomicInteger();
        fake.hook = (o, d) -> {
            if (o.equals("deleteContainer") && n.incrementAndGet() == 1) {
                fake.containers.remove("empty");
                throw new StorageException(ErrorKind.UNAVAILABLE, "answer lost");
            }
        };
        store.deleteContainer("empty", ctx);
        assertFalse(fake.containers.containsKey("empty"));
        assertThrows(StorageException.class, () -> store.deleteContainer("never-there", ctx));
    }

    @Test
    void interruptedBackoffStopsRetrying() {
        RetryingBlobStore interrupting = new RetryingBlobStore(fake, policy, d -> {
            throw new InterruptedException();
        }, new Random(1));
        failFirst("containerExists", 5, ErrorKind.UNAVAILABLE);
        StorageException e = assertThrows(StorageException.class, () -> interrupting.containerExists("box", ctx));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertEquals(1, fake.calls("containerExists"));
    }

    @Test
    void oneAttemptPolicyNeverRetries() {
        RetryingBlobStore once = new RetryingBlobStore(fake, policy.withMaxAttempts(1), sleeps::add, new Random(1));
        failFirst("createContainer", 1, ErrorKind.UNAVAILABLE);
        assertThrows(StorageException.class, () -> once.createContainer("new", ctx));
        assertEquals(1, fake.calls("createContainer"));
        assertSame(policy.initialBackoff(), once.policy().initialBackoff());
    }
}
