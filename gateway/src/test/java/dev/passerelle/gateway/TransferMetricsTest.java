package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code passerelle_request_duration_seconds} of a download covers the whole transfer (not only the
 * time to first byte, which has its own {@code passerelle_request_ttfb_seconds}); bucket listing and
 * {@code /backends} are counted too.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TransferMetricsTest {
    private static final String DURATION = "passerelle_request_duration_seconds";
    private static final String TTFB = "passerelle_request_ttfb_seconds";
    private static final String GET = "{backend=\"local\",operation=\"get_object\"}";
    private static final int SIZE = 16 * 1024 * 1024;
    /** Read slowly first: the gateway cannot finish writing while the rest (more than any socket buffers hold) is unread. */
    private static final int SLOW_PART = 4 * 1024 * 1024;
    private static final int SLOW_CHUNK = 64 * 1024;

    @Test
    void downloadDurationCoversTheWholeTransferOfASlowReader() throws Exception {
        String bucket = TestSupport.newBucket("slow-read");
        byte[] data = new byte[SIZE];
        new Random(11).nextBytes(data);
        String path = "/api/v1/buckets/" + bucket + "/objects/big.bin";
        as(WRITER).contentType("application/octet-stream").body(data).put(path).then().statusCode(201);

        String before = metrics();
        double sumBefore = value(before, DURATION + "_sum" + GET);
        double countBefore = value(before, DURATION + "_count" + GET);
        double ttfbBefore = value(before, TTFB + "_sum" + GET);

        long slowNanos;
        long received = 0;
        try (RawHttp raw = new RawHttp(16 * 1024)) {
            raw.head("GET", path, "Authorization: Bearer " + READER);
            assertEquals(200, raw.readHead().status());
            long first = System.nanoTime();
            while (received < SLOW_PART) {
                received += raw.readBody(SLOW_CHUNK).length;
                Thread.sleep(20);
            }
            slowNanos = System.nanoTime() - first;
            received += raw.readBody(SIZE - received).length;
        }
        assertEquals(SIZE, received);

        double slowSeconds = slowNanos / 1e9;
        String after = awaitCount(countBefore + 1);
        double duration = value(after, DURATION + "_sum" + GET) - sumBefore;
        double ttfb = value(after, TTFB + "_sum" + GET) - ttfbBefore;
        assertTrue(slowSeconds > 1.0, "the client read slowly for " + slowSeconds + " s");
        assertTrue(duration >= slowSeconds, "get_object duration " + duration + " s < the " + slowSeconds + " s the client spent reading");
        assertTrue(ttfb > 0 && ttfb < duration / 4, "ttfb " + ttfb + " s must be a small part of the " + duration + " s transfer");
        assertTrue(after.contains("passerelle_requests_total{backend=\"local\",operation=\"get_object\",outcome=\"ok\"}"), after);
    }

    @Test
    void bucketListingAndBackendsAreCounted() {
        double buckets = value(metrics(), "passerelle_requests_total{backend=\"all\",operation=\"list_buckets\",outcome=\"ok\"}");
        double backends = value(metrics(), "passerelle_requests_total{backend=\"all\",operation=\"list_backends\",outcome=\"ok\"}");
        as(READER).get("/api/v1/buckets").then().statusCode(200);
        as(READER).get("/api/v1/buckets").then().statusCode(200);
        as(READER).get("/api/v1/backends").then().statusCode(200);
        String after = metrics();
        assertEquals(buckets + 2, value(after, "passerelle_requests_total{backend=\"all\",operation=\"list_buckets\",outcome=\"ok\"}"));
        assertEquals(backends + 1, value(after, "passerelle_requests_total{backend=\"all\",operation=\"list_backends\",outcome=\"ok\"}"));
        assertTrue(after.contains(DURATION + "_count{backend=\"all\",operation=\"list_buckets\"}"), after);
        assertTrue(after.contains(DURATION + "_count{backend=\"all\",operation=\"list_backends\"}"), after);
    }

    private static String metrics() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The writer ends its measurement just after the last byte went out: wait for it. */
    private static String awaitCount(double count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String m = metrics();
        while (value(m, DURATION + "_count" + GET) < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = metrics();
        }
        return m;
    }

    /** @return the value of a Prometheus sample (series name with labels), 0 when absent */
    private static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return 0;
    }
}
