package dev.passerelle.gateway;

import dev.passerelle.gateway.buckets.BucketResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.passerelle.gateway.GatewayTestResource.ADMIN;
import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One of four backends dies (its real Azurite process killed): the bucket listing still answers 200,
 * flagging that backend's bucket, the other backends' buckets keep working, and under the default
 * {@code passerelle.health.ready-requires=any} the gateway stays ready, reporting each backend's state.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@WithTestResource(OutageResource.class)
class BackendOutageTest {
    /** The buckets of the backends that stay up, and their backend. */
    static final List<List<String>> SURVIVORS = List.of(List.of(OutageResource.S3_BUCKET, "cellar"),
            List.of(OutageResource.ARCHIVE_BUCKET, "archive"), List.of("plain", "local"));

    /** Creates a bucket on each backend, one object in each, checks all is well, then kills Azurite. */
    static void createEverythingThenKillAzurite() throws InterruptedException {
        for (String bucket : List.of(OutageResource.AZURE_BUCKET, OutageResource.S3_BUCKET, OutageResource.ARCHIVE_BUCKET, "plain")) {
            as(ADMIN).put("/api/v1/buckets/" + bucket).then().statusCode(201);
            as(WRITER).contentType("text/plain").body("before " + bucket).put("/api/v1/buckets/" + bucket + "/objects/k.txt").then().statusCode(201);
        }
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        as(READER).get("/api/v1/buckets").then().statusCode(200).header(BucketResource.PARTIAL_HEADER, "false")
                .header(BucketResource.UNAVAILABLE_HEADER, nullValue())
                .body("findAll { it.available }.name", hasItems(OutageResource.AZURE_BUCKET, OutageResource.S3_BUCKET, OutageResource.ARCHIVE_BUCKET, "plain"))
                .body("findAll { it.error != null }", empty());
        OutageResource.azurite().kill();
        for (int i = 0; i < 100 && OutageResource.azurite().isRunning(); i++) {
            Thread.sleep(50);
        }
        assertTrue(!OutageResource.azurite().isRunning(), "Azurite is gone");
    }

    /** The listing with Azurite dead: 200, partial, its bucket flagged, the others listed; @return the answer */
    static Response listingWithoutAzurite() {
        long start = System.nanoTime();
        Response r = as(READER).get("/api/v1/buckets");
        long ms = (System.nanoTime() - start) / 1_000_000;
        r.then().statusCode(200).contentType("application/json")
                .header(BucketResource.PARTIAL_HEADER, "true")
                .header(BucketResource.UNAVAILABLE_HEADER, "azure=backend_unavailable")
                .body("find { it.name == 'cloud' }.available", equalTo(false))
                .body("find { it.name == 'cloud' }.backend", equalTo("azure"))
                .body("find { it.name == 'cloud' }.readOnly", equalTo(false))
                .body("find { it.name == 'cloud' }.error", equalTo("backend_unavailable"))
                .body("name", equalTo(List.of("cloud", "cold", "plain", "sovereign")));
        for (List<String> s : SURVIVORS) {
            r.then().body("find { it.name == '" + s.get(0) + "' }.available", equalTo(true))
                    .body("find { it.name == '" + s.get(0) + "' }.backend", equalTo(s.get(1)))
                    .body("find { it.name == '" + s.get(0) + "' }", not(hasKey("error")));
        }
        assertTrue(ms < 10_000, "the listing took " + ms + " ms with a dead backend");
        return r;
    }

    /** The buckets of the other backends still read what they had and take new objects. */
    static void survivorsStillServe() {
        for (List<String> s : SURVIVORS) {
            String url = "/api/v1/buckets/" + s.get(0) + "/objects/";
            assertEquals("before " + s.get(0), as(READER).get(url + "k.txt").then().statusCode(200).extract().asString());
            as(WRITER).contentType("text/plain").body("after " + s.get(0)).put(url + "after.txt").then().statusCode(201);
            assertEquals("after " + s.get(0), as(READER).get(url + "after.txt").then().statusCode(200).extract().asString());
            as(READER).get("/api/v1/buckets/" + s.get(0) + "/objects").then().statusCode(200).body("objects.key", equalTo(List.of("after.txt", "k.txt")));
        }
    }

    @Test
    void oneDeadBackendLeavesTheOthersServingAndTheGatewayReady() throws Exception {
        createEverythingThenKillAzurite();
        listingWithoutAzurite();
        survivorsStillServe();
        as(READER).get("/api/v1/backends").then().statusCode(200)
                .body("find { it.name == 'azure' }.health.status", equalTo("down"))
                .body("find { it.name == 'azure' }.health.code", equalTo("backend_unavailable"))
                .body("find { it.name == 'cellar' }.health.status", equalTo("up"))
                .body("find { it.name == 'archive' }.health.status", equalTo("up"))
                .body("find { it.name == 'local' }.health.status", equalTo("up"));
        long start = System.nanoTime();
        as(READER).get("/api/v1/buckets/cloud/objects/k.txt").then().statusCode(503).body("code", equalTo("backend_unavailable"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 10_000, "a read on the dead backend took " + ms + " ms");

        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'backends' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'backends' }.data.'ready-requires'", equalTo("any"))
                .body("checks.find { it.name == 'backends' }.data.azure", startsWith("down: "))
                .body("checks.find { it.name == 'backends' }.data.cellar", equalTo("up"))
                .body("checks.find { it.name == 'backends' }.data.archive", equalTo("up"))
                .body("checks.find { it.name == 'backends' }.data.local", equalTo("up"));
    }
}
