package dev.passerelle.gateway;

import dev.passerelle.core.Bucket;
import dev.passerelle.core.Passerelle;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.PutOptions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static dev.passerelle.gateway.GatewayTestResource.ADMIN;
import static dev.passerelle.gateway.GatewayTestResource.FROZEN_BUCKET;
import static dev.passerelle.gateway.GatewayTestResource.HASHED;
import static dev.passerelle.gateway.GatewayTestResource.OPEN_BUCKET;
import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.SCOPED;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Bearer tokens, access levels, bucket scopes, anonymous buckets and read-only buckets. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class AuthTest {
    @Inject
    Passerelle passerelle;

    @Test
    void noTokenIs401WithChallenge() {
        RestAssured.given().get("/api/v1/buckets").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("code", equalTo("unauthorized"));
        RestAssured.given().get("/api/v1/backends").then().statusCode(401);
    }

    @Test
    void badTokenIs401() {
        as("wrong-token").get("/api/v1/buckets").then().statusCode(401).body("code", equalTo("unauthorized"));
        RestAssured.given().header("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").get("/api/v1/buckets").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer").get("/api/v1/buckets").then().statusCode(401);
    }

    @Test
    void tokenConfiguredBySha256Works() {
        as(HASHED).get("/api/v1/buckets").then().statusCode(200);
    }

    @Test
    void readTokenCannotWrite() {
        String bucket = TestSupport.newBucket("auth");
        as(READER).body("x").put("/api/v1/buckets/" + bucket + "/objects/k").then().statusCode(403).body("code", equalTo("forbidden"));
        as(READER).delete("/api/v1/buckets/" + bucket + "/objects/k").then().statusCode(403);
    }

    @Test
    void bucketCreateAndDeleteNeedAdmin() {
        as(WRITER).put("/api/v1/buckets/writer-made").then().statusCode(403).body("code", equalTo("forbidden"));
        String bucket = TestSupport.newBucket("admin");
        as(WRITER).delete("/api/v1/buckets/" + bucket).then().statusCode(403);
        as(ADMIN).delete("/api/v1/buckets/" + bucket).then().statusCode(204);
    }

    @Test
    void scopedTokenOnlyReachesItsBuckets() {
        String other = TestSupport.newBucket("other");
        as(ADMIN).put("/api/v1/buckets/scoped-only");
        as(SCOPED).body("x").put("/api/v1/buckets/scoped-only/objects/k").then().statusCode(201);
        as(SCOPED).body("x").put("/api/v1/buckets/" + other + "/objects/k").then().statusCode(403);
        as(SCOPED).get("/api/v1/buckets").then().statusCode(200).body("name", hasItem("scoped-only")).body("name", not(hasItem(other)));
    }

    @Test
    void anonymousMayReadOpenBucketsOnly() {
        as(ADMIN).put("/api/v1/buckets/" + OPEN_BUCKET);
        as(WRITER).body("public").put("/api/v1/buckets/" + OPEN_BUCKET + "/objects/readme").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        RestAssured.given().get("/api/v1/buckets/" + OPEN_BUCKET + "/objects/readme").then().statusCode(200).body(equalTo("public"));
        RestAssured.given().head("/api/v1/buckets/" + OPEN_BUCKET + "/objects/readme").then().statusCode(200);
        RestAssured.given().get("/api/v1/buckets/" + OPEN_BUCKET + "/objects").then().statusCode(200).body("objects.key", hasItem("readme"));
        RestAssured.given().body("x").put("/api/v1/buckets/" + OPEN_BUCKET + "/objects/readme").then().statusCode(401);
        RestAssured.given().delete("/api/v1/buckets/" + OPEN_BUCKET + "/objects/readme").then().statusCode(401);
        String closed = TestSupport.newBucket("closed");
        RestAssured.given().get("/api/v1/buckets/" + closed + "/objects").then().statusCode(401);
        // a wrong token is refused even on an open bucket
        as("wrong").get("/api/v1/buckets/" + OPEN_BUCKET + "/objects/readme").then().statusCode(401);
    }

    @Test
    void readOnlyBucketRefusesWritesWith403ReadOnly() throws Exception {
        Bucket frozen = passerelle.bucket(FROZEN_BUCKET);
        var store = passerelle.backend(frozen.backend()).store();
        if (!store.containerExists(frozen.container(), CallContext.system())) {
            store.createContainer(frozen.container(), CallContext.system());
        }
        byte[] data = "kept".getBytes();
        store.put(frozen.container(), "doc", new ByteArrayInputStream(data), data.length, PutOptions.defaults());
        String url = "/api/v1/buckets/" + FROZEN_BUCKET + "/objects/doc";
        as(WRITER).body("changed").put(url).then().statusCode(403).body("code", equalTo("read_only"));
        as(WRITER).delete(url).then().statusCode(403).body("code", equalTo("read_only"));
        as(READER).get(url).then().statusCode(200).body(equalTo("kept"));
    }
}
