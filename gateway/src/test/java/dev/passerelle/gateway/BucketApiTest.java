package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.passerelle.gateway.GatewayTestResource.ADMIN;
import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Buckets (list, create, delete), object listings and the backends endpoint. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class BucketApiTest {

    @Test
    void createListDelete() {
        as(ADMIN).put("/api/v1/buckets/lifecycle-a").then().statusCode(201).body("name", equalTo("lifecycle-a")).body("backend", equalTo("local"));
        as(ADMIN).put("/api/v1/buckets/lifecycle-a").then().statusCode(409).body("code", equalTo("already_exists"));
        as(READER).get("/api/v1/buckets").then().statusCode(200).body("name", hasItem("lifecycle-a"));
        as(ADMIN).delete("/api/v1/buckets/lifecycle-a").then().statusCode(204);
        as(READER).get("/api/v1/buckets").then().statusCode(200).body("name", not(hasItem("lifecycle-a")));
        as(ADMIN).delete("/api/v1/buckets/lifecycle-a").then().statusCode(404).body("code", equalTo("no_such_bucket"));
    }

    @Test
    void deletingANonEmptyBucketIs409() {
        String bucket = TestSupport.newBucket("full");
        as(WRITER).body("x").put("/api/v1/buckets/" + bucket + "/objects/k").then().statusCode(201);
        as(ADMIN).delete("/api/v1/buckets/" + bucket).then().statusCode(409).body("code", equalTo("conflict"));
    }

    @Test
    void invalidBucketNameIs400() {
        as(ADMIN).put("/api/v1/buckets/UPPER").then().statusCode(400).body("code", equalTo("invalid_bucket_name"));
        as(ADMIN).put("/api/v1/buckets/ab").then().statusCode(400).body("code", equalTo("invalid_bucket_name"));
    }

    @Test
    void listingWithPrefixDelimiterAndPages() {
        String bucket = TestSupport.newBucket("listing");
        for (String k : List.of("a/1", "a/2", "b/1", "c", "d", "e")) {
            as(WRITER).body(k).put("/api/v1/buckets/" + bucket + "/objects/" + k).then().statusCode(201);
        }
        String base = "/api/v1/buckets/" + bucket + "/objects";
        as(READER).get(base + "?prefix=a/").then().statusCode(200).body("objects.key", contains("a/1", "a/2"))
                .body("prefixes", empty()).body("nextCursor", nullValue())
                .body("objects[0].size", equalTo(3)).body("objects[0].etag", notNullValue()).body("objects[0].lastModified", notNullValue());
        as(READER).get(base + "?delimiter=/").then().statusCode(200).body("objects.key", contains("c", "d", "e"))
                .body("prefixes", contains("a/", "b/"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = as(READER).get(base + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("objects.key"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(List.of("a/1", "a/2", "b/1", "c", "d", "e"), seen);
        assertEquals(3, pages);
    }

    @Test
    void badLimitOrCursorIs400() {
        String bucket = TestSupport.newBucket("badlist");
        String base = "/api/v1/buckets/" + bucket + "/objects";
        for (String limit : new String[] {"0", "1001", "ten", "-1"}) {
            as(READER).get(base + "?limit=" + limit).then().statusCode(400).body("code", equalTo("invalid_limit"));
        }
        as(READER).get(base + "?cursor=%25%25%25").then().statusCode(400);
        as(READER).get("/api/v1/buckets/no-such-bucket-x/objects").then().statusCode(404).body("code", equalTo("no_such_bucket"));
    }

    @Test
    void backendsListNameTypeJurisdictionAndHealth() {
        as(READER).get("/api/v1/backends").then().statusCode(200)
                .body("[0].name", equalTo("local")).body("[0].type", equalTo("filesystem"))
                .body("[0].jurisdiction", equalTo("FR")).body("[0].health.status", equalTo("up")).body("[0].isDefault", equalTo(true));
    }
}
