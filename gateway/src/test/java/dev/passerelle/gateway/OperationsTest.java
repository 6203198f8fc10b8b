package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, OpenAPI, metrics, request ids, problem+json on protocol errors, and integrity on read. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OperationsTest {

    @Test
    void healthLiveAndReadyWithEachBackendsState() {
        RestAssured.get("/q/health/live").then().statusCode(200).header("X-Request-Id", notNullValue());
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("backends"))
                .body("checks.find { it.name == 'backends' }.data.'ready-requires'", equalTo("any"))
                .body("checks.find { it.name == 'backends' }.data.local", equalTo("up"));
    }

    @Test
    void openApiAndSwaggerUi() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/buckets/{bucket}/objects/{key}"))
                .body(containsString("X-Listing-Partial")).body(containsString("X-Unavailable-Backends"));
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetricsPerBackendAndOperation() {
        String bucket = TestSupport.newBucket("metrics");
        as(WRITER).body("12345").put("/api/v1/buckets/" + bucket + "/objects/m").then().statusCode(201);
        as(READER).get("/api/v1/buckets/" + bucket + "/objects/m").then().statusCode(200);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("passerelle_requests_total{backend=\"local\",operation=\"put_object\",outcome=\"ok\"}"))
                .body(containsString("passerelle_bytes_in_total{backend=\"local\",operation=\"put_object\"}"))
                .body(containsString("passerelle_bytes_out_total{backend=\"local\",operation=\"get_object\"}"))
                .body(containsString("passerelle_request_duration_seconds_count{backend=\"local\",operation=\"get_object\"}"))
                .body(containsString("passerelle_upload_buffer_budget_used_bytes"));
    }

    @Test
    void everyResponseCarriesTheGatewaysOwnRequestId() throws Exception {
        try (AccessLogCapture log = new AccessLogCapture()) {
            String id = RestAssured.given().header("X-Request-Id", "client-chosen-id-42").get("/api/v1/buckets").then().statusCode(401)
                    .header("X-Request-Id", not(equalTo("client-chosen-id-42"))).extract().header("X-Request-Id");
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
            String line = log.one("id=" + id);
            assertTrue(line.startsWith("id=" + id + " client_id=client-chosen-id-42 "), line);
            String tabbed = RestAssured.given().header("X-Request-Id", "bad id\twith tab").get("/api/v1/buckets").then()
                    .header("X-Request-Id", not(containsString("bad"))).extract().header("X-Request-Id");
            assertTrue(log.one("id=" + tabbed).contains(" client_id=\"bad id\\u0009with tab\" "), log.one("id=" + tabbed));
        }
        RestAssured.get("/q/metrics").then().header("X-Request-Id", notNullValue());
    }

    @Test
    void unknownRouteIsProblem404() {
        RestAssured.get("/no/such/route").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not_found")).body("status", equalTo(404)).body("requestId", notNullValue());
        as(READER).get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
    }

    @Test
    void wrongMethodIsProblem405() {
        as(READER).post("/api/v1/buckets").then().statusCode(405).contentType("application/problem+json")
                .body("code", equalTo("method_not_allowed"));
        as(READER).body("x").post("/api/v1/buckets/abc/objects/k").then().statusCode(405).body("code", equalTo("method_not_allowed"));
    }

    @Test
    void problemsNeverLeakJavaClassNames() {
        String body = as(READER).get("/api/v1/buckets/Bad_Name/objects/k").then().statusCode(400).extract().asString();
        assertTrue(!body.contains("Exception") && !body.contains("dev.passerelle"), body);
    }

    @Test
    void corruptedStoredBytesAbortTheTransfer() throws Exception {
        String bucket = TestSupport.newBucket("integrity");
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        String path = "/api/v1/buckets/" + bucket + "/objects/precious.bin";
        as(WRITER).body(data).put(path).then().statusCode(201);
        Path stored = findFileStartingWith(data);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(stored.toFile(), "rw")) {
            f.seek(data.length - 10);
            f.write(data[data.length - 10] ^ 0x55);
        }
        try (RawHttp raw = new RawHttp()) {
            raw.head("GET", path, "Authorization: Bearer " + READER);
            RawHttp.Reply reply = raw.readHead();
            assertEquals(200, reply.status());
            byte[] received = raw.readBody(data.length);
            assertTrue(received.length < data.length, "a corrupt object must not be delivered completely (got " + received.length + " bytes)");
        }
        // a range is served as stored (no whole-object hash to check); the uncorrupted part is intact
        byte[] head = as(READER).header("Range", "bytes=0-999").get(path).then().statusCode(206).extract().asByteArray();
        byte[] expected = new byte[1000];
        System.arraycopy(data, 0, expected, 0, 1000);
        assertArrayEquals(expected, head);
    }

    /** Finds the backend's file holding the object's bytes (whatever trailer or sidecar it keeps). */
    private static Path findFileStartingWith(byte[] data) throws IOException {
        try (Stream<Path> files = Files.walk(GatewayTestResource.base().resolve("data"))) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    byte[] content = Files.readAllBytes(p);
                    return content.length >= data.length && java.util.Arrays.equals(content, 0, data.length, data, 0, data.length);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new AssertionError("stored object not found under the backend root"));
        }
    }
}
