package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the gateway frames request bodies: Content-Length it cannot trust, bytes past it, transfer codings. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class HttpFramingTest {
    private static final String AUTH = "Authorization: Bearer " + WRITER;

    @Test
    void invalidContentLengthIs400ProblemClosedAndLogged() throws Exception {
        String bucket = TestSupport.newBucket("framing");
        String[][] cases = {{"Content-Length: abc"}, {"Content-Length: -5"}, {"Content-Length: 5", "Content-Length: 6"}};
        for (String[] lengths : cases) {
            String path = "/api/v1/buckets/" + bucket + "/objects/cl" + lengths.length + lengths[0].length();
            String[] headers = new String[lengths.length + 1];
            headers[0] = AUTH;
            System.arraycopy(lengths, 0, headers, 1, lengths.length);
            try (AccessLogCapture log = new AccessLogCapture(); RawHttp raw = new RawHttp()) {
                raw.head("PUT", path, headers).send("hello".getBytes(StandardCharsets.US_ASCII));
                RawHttp.Reply reply = raw.readHead();
                assertEquals(400, reply.status(), String.join(" / ", lengths));
                assertEquals("application/problem+json", reply.header("Content-Type"));
                JsonPath problem = JsonPath.from(raw.body(reply));
                assertEquals("invalid_content_length", problem.getString("code"));
                assertEquals(reply.header("X-Request-Id"), problem.getString("requestId"));
                assertTrue(raw.closedByServer(), "the connection is closed after the answer");
                String line = log.one("id=" + reply.header("X-Request-Id"));
                assertTrue(line.contains("method=PUT") && line.contains("status=400"), line);
            }
            as(READER).get(path).then().statusCode(404);
        }
    }

    @Test
    void bytesPastTheContentLengthAreNeverASecondRequest() throws Exception {
        String bucket = TestSupport.newBucket("framing");
        String base = "/api/v1/buckets/" + bucket + "/objects/";
        as(WRITER).body("keep me").put(base + "victim").then().statusCode(201);
        String smuggled = "DELETE " + base + "victim HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "\r\n\r\n";
        try (AccessLogCapture log = new AccessLogCapture(); RawHttp raw = new RawHttp()) {
            raw.head("PUT", base + "short", AUTH, "Content-Length: 5").send(("hello" + smuggled).getBytes(StandardCharsets.US_ASCII));
            RawHttp.Reply reply = raw.readHead();
            assertEquals(201, reply.status());
            raw.body(reply);
            assertTrue(raw.closedByServer(), "the connection is closed after the response, the excess unanswered");
            log.one("id=" + reply.header("X-Request-Id"));
            assertEquals(0, log.lines().stream().filter(l -> l.contains("method=DELETE")).count(), log.lines().toString());
        }
        as(READER).get(base + "victim").then().statusCode(200).body(equalTo("keep me"));
        as(READER).get(base + "short").then().statusCode(200).body(equalTo("hello"));
    }

    @Test
    void keepAliveStillWorksWhenNothingIsLeftOver() throws Exception {
        String bucket = TestSupport.newBucket("framing");
        String base = "/api/v1/buckets/" + bucket + "/objects/";
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", base + "one", AUTH, "Content-Length: 3").send("abc".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Reply first = raw.readHead();
            assertEquals(201, first.status());
            raw.body(first);
            raw.head("GET", base + "one", AUTH);
            RawHttp.Reply second = raw.readHead();
            assertEquals(200, second.status());
            assertEquals("abc", raw.body(second));
        }
    }

    @Test
    void transferCodingsOtherThanChunkedAre501AndStoreNothing() throws Exception {
        String bucket = TestSupport.newBucket("framing");
        String base = "/api/v1/buckets/" + bucket + "/objects/";
        String chunked = "5\r\nhello\r\n0\r\n\r\n";
        String[][] cases = {{"xchunked", "Transfer-Encoding: xchunked", "Content-Length: " + chunked.length()},
                {"gzip-chunked", "Transfer-Encoding: gzip, chunked"}, {"twice", "Transfer-Encoding: chunked", "Transfer-Encoding: chunked"}};
        for (String[] c : cases) {
            String[] headers = new String[c.length];
            headers[0] = AUTH;
            System.arraycopy(c, 1, headers, 1, c.length - 1);
            try (AccessLogCapture log = new AccessLogCapture(); RawHttp raw = new RawHttp()) {
                raw.head("PUT", base + c[0], headers).send(chunked.getBytes(StandardCharsets.US_ASCII));
                RawHttp.Reply reply = raw.readHead();
                assertEquals(501, reply.status(), c[0]);
                assertEquals("application/problem+json", reply.header("Content-Type"));
                assertEquals("unsupported_transfer_coding", JsonPath.from(raw.body(reply)).getString("code"));
                assertTrue(raw.closedByServer(), c[0]);
                assertTrue(log.one("id=" + reply.header("X-Request-Id")).contains(" status=501 "));
            }
            as(READER).get(base + c[0]).then().statusCode(404);
        }
        // chunked alone still works
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", base + "plain-chunked", AUTH, "Transfer-Encoding: Chunked").send(chunked.getBytes(StandardCharsets.US_ASCII));
            assertEquals(201, raw.readHead().status());
        }
        as(READER).get(base + "plain-chunked").then().statusCode(200).body(equalTo("hello"));
    }
}
