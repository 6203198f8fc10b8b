package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bare 503 from the proxy in front of an Azure host, through the gateway's own HTTP client
 * (azure-core-http-vertx): every kind of call answers 503 {@code backend_unavailable} with
 * Retry-After, never 500 {@code internal_error}.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@WithTestResource(BareProxyResource.class)
class BareProxyAnswersTest {
    private static final String OBJECT = "/api/v1/buckets/" + BareProxyResource.BUCKET + "/objects/k.txt";

    private static void unavailable(Response r, String what) {
        unavailable(r, what, "backend_unavailable");
    }

    private static void unavailable(Response r, String what, String... codes) {
        assertEquals(503, r.statusCode(), what + ": " + r.asString());
        assertTrue(java.util.List.of(codes).contains(r.jsonPath().getString("code")), what + ": " + r.asString());
        assertNotNull(r.header("Retry-After"), what);
    }

    @Test
    void everyCallIsARetryableUnavailability() {
        int before = BareProxyResource.REQUESTS.get();
        unavailable(as(READER).get(OBJECT), "get");
        unavailable(as(WRITER).body("hello").put(OBJECT), "put");
        unavailable(as(WRITER).delete(OBJECT), "delete");
        unavailable(as(READER).get("/api/v1/buckets/" + BareProxyResource.BUCKET + "/objects"), "list");
        Response head = as(READER).head(OBJECT);
        assertEquals(503, head.statusCode(), "head");
        assertTrue(BareProxyResource.REQUESTS.get() - before >= 5, "every call reached the proxy");
    }

    @Test
    void aCallMakesRetryMaxAttemptsHostRequestsAndItsExhaustedErrorStillAnswers503() {
        // the default retry-max-attempts is 3 and nothing under core's layer retries (the SDK made 2 tries of
        // each before, max-tries=2: 6 requests); the error leaves the layer persistent, the answer is still 503
        int before = BareProxyResource.REQUESTS.get();
        unavailable(as(READER).get(OBJECT), "get");
        assertEquals(3, BareProxyResource.REQUESTS.get() - before, "host requests of one GET");
    }

    @Test
    void anS3HostBehindTheSameProxyToo() {
        // S3 answers 503 for SlowDown: the direct path takes a bare 503 as that (rate_limited), minio-java's
        // calls as a non-S3 answer (backend_unavailable); both retryable 503s with Retry-After
        String object = "/api/v1/buckets/" + BareProxyResource.S3_BUCKET + "/objects/k.txt";
        unavailable(as(READER).get(object), "get", "rate_limited", "backend_unavailable");
        unavailable(as(WRITER).body("hello").put(object), "put", "rate_limited", "backend_unavailable");
        unavailable(as(WRITER).delete(object), "delete", "rate_limited", "backend_unavailable");
        unavailable(as(READER).get("/api/v1/buckets/" + BareProxyResource.S3_BUCKET + "/objects"), "list", "rate_limited", "backend_unavailable");
    }
}
