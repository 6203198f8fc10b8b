package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The object size limit and the upload buffer budget, with deliberately small settings. */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
@WithTestResource(GatewayTestResource.class)
class LimitsTest {

    /** A 1 MiB object limit and a budget of exactly one upload buffer. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("passerelle.max-object-size", "1M", "passerelle.upload-buffer-size", "64K",
                    "passerelle.upload-buffer-budget", "64K", "passerelle.retry-after-seconds", "3");
        }
    }

    @Test
    void budgetSpentAnswers503WithRetryAfter() throws Exception {
        String bucket = TestSupport.newBucket("budget");
        String path = "/api/v1/buckets/" + bucket + "/objects/";
        try (RawHttp first = new RawHttp()) {
            first.head("PUT", path + "slow", "Authorization: Bearer " + WRITER, "Content-Length: 10");
            first.send("12345".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300);
            as(WRITER).body("x").put(path + "second").then().statusCode(503).header("Retry-After", "3")
                    .contentType("application/problem+json").body("code", equalTo("upload_budget_exhausted"));
            first.send("67890".getBytes(StandardCharsets.US_ASCII));
            assertEquals(201, first.readHead().status());
        }
        as(WRITER).body("x").put(path + "third").then().statusCode(201);
        as(READER).get(path + "slow").then().statusCode(200).body(equalTo("1234567890"));
    }

    @Test
    void chunkedBodyOverTheLimitIs413AndStoresNothing() throws Exception {
        String bucket = TestSupport.newBucket("limit");
        String path = "/api/v1/buckets/" + bucket + "/objects/big";
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Transfer-Encoding: chunked");
            try {
                for (int i = 0; i < 3; i++) {
                    raw.chunk(new byte[512 * 1024]);
                }
                raw.lastChunk();
            } catch (java.io.IOException e) {
                // the gateway may close the connection while we still send
            }
            assertEquals(413, raw.readHead().status());
        }
        as(READER).get(path).then().statusCode(404);
        as(WRITER).body(new byte[1 << 20]).put(path).then().statusCode(201);
        as(WRITER).body(new byte[(1 << 20) + 1]).put(path).then().statusCode(413).body("code", equalTo("payload_too_large"));
    }

    @Test
    void aClientStillSendingABodyOverTheLimitReadsThe413() throws Exception {
        String bucket = TestSupport.newBucket("limit");
        String path = "/api/v1/buckets/" + bucket + "/objects/big-declared";
        int body = 6 << 20; // more than loopback socket buffers hold: the client is still writing when the 413 goes out
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: " + body);
            byte[] slice = new byte[64 * 1024];
            for (int sent = 0; sent < body; sent += slice.length) {
                raw.send(slice); // a reset here (the server closed with our bytes unread) would lose the answer
            }
            RawHttp.Reply reply = raw.readHead();
            assertEquals(413, reply.status());
            assertTrue(raw.body(reply).contains("payload_too_large"));
            assertTrue(raw.closedByServer(), "the connection does not carry another request");
        }
        as(READER).get(path).then().statusCode(404);
    }
}
