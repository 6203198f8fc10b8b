package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients that stall or hoard connections: short timeouts and a small limit so the tests stay fast. */
@QuarkusTest
@TestProfile(TimeoutsTest.ShortTimeouts.class)
@WithTestResource(GatewayTestResource.class)
class TimeoutsTest {

    /** A one-second body read timeout and header timeout, eight connections per client address. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", "1s", "passerelle.http.header-timeout", "1s",
                    "passerelle.http.max-connections-per-client", "8");
        }
    }

    @Test
    void anUploadStalledMidBodyIsLoggedAbortedWithTheBytesReceived() throws Exception {
        String bucket = TestSupport.newBucket("stall");
        String path = "/api/v1/buckets/" + bucket + "/objects/stalled";
        try (AccessLogCapture log = new AccessLogCapture(); RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: 1000").send(new byte[500]);
            String line = log.one("key=\"stalled\"");
            assertTrue(line.contains(" status=aborted reason=") && line.contains(" in=500 "), line);
        }
        as(READER).get(path).then().statusCode(404);
    }

    @Test
    void halfARequestHeadIs408AfterTheHeaderTimeout() throws Exception {
        try (AccessLogCapture log = new AccessLogCapture(); RawHttp raw = new RawHttp()) {
            long start = System.nanoTime();
            raw.send("GET /api/v1/buckets HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Reply reply = raw.readHead();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(408, reply.status());
            assertEquals("request_timeout", JsonPath.from(raw.body(reply)).getString("code"));
            assertTrue(raw.closedByServer());
            assertTrue(ms >= 900 && ms < 5000, ms + " ms");
            assertTrue(log.one("id=" + reply.header("X-Request-Id")).contains(" status=408 reason=header_timeout "));
        }
    }

    @Test
    void aHeadTrickledLineByLineStillTimesOut() throws Exception {
        try (RawHttp raw = new RawHttp()) {
            long start = System.nanoTime();
            raw.send("GET /api/v1/buckets HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(300);
                    raw.send(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (java.io.IOException e) {
                // closed by the gateway while we trickle
            }
            assertEquals(408, raw.readHead().status());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2500);
        }
    }

    @Test
    void aSlowBodyIsNotTimedByTheHeaderTimeout() throws Exception {
        String bucket = TestSupport.newBucket("slow");
        String path = "/api/v1/buckets/" + bucket + "/objects/slow-body";
        try (RawHttp raw = new RawHttp()) {
            raw.head("PUT", path, "Authorization: Bearer " + WRITER, "Content-Length: 4");
            for (int i = 0; i < 4; i++) {
                Thread.sleep(500);
                raw.send(new byte[] {(byte) ('a' + i)});
            }
            assertEquals(201, raw.readHead().status());
        }
        as(READER).get(path).then().statusCode(200).body(equalTo("abcd"));
    }

    @Test
    void anIdleKeepAliveConnectionMakesRoomForANewOne() throws Exception {
        List<RawHttp> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                RawHttp r = new RawHttp();
                open.add(r);
                r.head("GET", "/api/v1/buckets", "Authorization: Bearer " + READER);
                RawHttp.Reply reply = r.readHead();
                assertEquals(200, reply.status());
                r.body(reply);
            }
            try (RawHttp ninth = new RawHttp()) {
                ninth.head("GET", "/api/v1/buckets", "Authorization: Bearer " + READER);
                assertEquals(200, ninth.readHead().status());
            }
        } finally {
            for (RawHttp r : open) {
                r.close();
            }
        }
    }

    @Test
    void connectionsOverThePerClientLimitAre503() throws Exception {
        List<RawHttp> open = new ArrayList<>();
        try (AccessLogCapture log = new AccessLogCapture()) {
            // idle keep-alive connections of earlier requests are closed to make room first; 30 is past them all.
            // Which 8 of the 30 are kept depends on the order the server's event loops see them, not on ours:
            // count the refusals, then look at one refused and one kept connection.
            for (int i = 0; i < 30; i++) {
                open.add(new RawHttp());
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            List<String> refused = List.of();
            while (refused.size() < 22 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                refused = log.lines().stream().filter(l -> l.contains(" status=503 reason=too_many_connections ")).toList();
            }
            assertEquals(22, refused.size(), "all but the 8 allowed are refused: " + refused);
            RawHttp one = null;
            RawHttp kept = null;
            for (RawHttp r : open) {
                if (r.answered()) {
                    one = one == null ? r : one;
                } else {
                    kept = kept == null ? r : kept;
                }
            }
            assertTrue(one != null && kept != null, "some connections refused, some kept");
            RawHttp.Reply reply = one.readHead();
            assertEquals(503, reply.status());
            assertEquals("1", reply.header("Retry-After"));
            assertEquals("too_many_connections", JsonPath.from(one.body(reply)).getString("code"));
            assertTrue(one.closedByServer());
            assertTrue(log.one("id=" + reply.header("X-Request-Id")).contains(" status=503 reason=too_many_connections "));
            assertTrue(kept.waitsForMoreThan(100), "a kept connection is not answered before it sends a request");
        } finally {
            for (RawHttp r : open) {
                r.close();
            }
        }
        Thread.sleep(200);
        try (RawHttp again = new RawHttp()) {
            again.head("GET", "/api/v1/buckets", "Authorization: Bearer " + READER);
            assertEquals(200, again.readHead().status());
        }
    }
}
