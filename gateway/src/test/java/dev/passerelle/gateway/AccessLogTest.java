package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log: one line per exchange, every field escaped, the truth about what was sent. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AccessLogTest {

    @Test
    void aLineBreakInTheBucketCannotForgeALine() throws Exception {
        String forged = "ab%0A07:00:00,000%20INFO%20%20%5Bpa.access%5D%20id=forged%20caller=adm%20method=DELETE%20bucket=x%20status=204";
        try (AccessLogCapture log = new AccessLogCapture(); RawHttp raw = new RawHttp()) {
            raw.head("GET", "/api/v1/buckets/" + forged + "/objects/k%0Ax%22y");
            RawHttp.Reply reply = raw.readHead();
            assertEquals(401, reply.status());
            String line = log.one("id=" + reply.header("X-Request-Id"));
            assertFalse(line.contains("\n") || line.contains("\r"), line);
            assertTrue(line.contains("bucket=\"ab\\u000a07:00:00,000 INFO  [pa.access] id=forged caller=adm method=DELETE bucket=x status=204\""), line);
            assertTrue(line.contains("key=\"k\\u000ax\\\"y\""), line);
            List<String> forgedLines = log.lines().stream().filter(l -> l.startsWith("id=forged") || l.contains("\nid=forged")).toList();
            assertEquals(List.of(), forgedLines);
        }
    }

    @Test
    void anUploadCutShortIsLoggedAbortedWithTheBytesReceived() throws Exception {
        String bucket = TestSupport.newBucket("log");
        String path = "/api/v1/buckets/" + bucket + "/objects/cut-short";
        try (AccessLogCapture log = new AccessLogCapture(); RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: 10").send("hello".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(200);
            raw.finish();
            String line = log.one("key=\"cut-short\"");
            assertTrue(line.contains(" status=aborted reason=") && line.contains(" in=5 "), line);
        }
        as(READER).get(path).then().statusCode(404);
    }
}
