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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients that stall: short timeouts so the tests stay fast. */
@QuarkusTest
@TestProfile(TimeoutsTest.ShortTimeouts.class)
@WithTestResource(GatewayTestResource.class)
class TimeoutsTest {

    /** A one-second body read timeout. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", "1s");
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
}
