package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import dev.passerelle.gateway.http.Problem;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document where it is served ({@code /q/openapi?format=json}) declares the bearer scheme
 * and applies it, the statuses each object operation really answers (errors as problem+json with a
 * {@code code}), and the headers the API reads and sends.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class OpenApiDocumentTest {
    private static final String OBJECT = "paths.'/api/v1/buckets/{bucket}/objects/{key}'";
    private JsonPath doc;

    /** Fetched per test: before the first test, RestAssured does not know the gateway's port yet. */
    @BeforeEach
    void fetch() {
        doc = RestAssured.get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void bearerSchemeIsDeclaredAndAppliedToEveryApiOperation() {
        assertEquals("http", doc.getString("components.securitySchemes.bearer.type"));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (var op : path.getValue().entrySet()) {
                List<?> security = (List<?>) op.getValue().get("security");
                assertNotNull(security, op.getKey() + " " + path.getKey() + " has no security requirement");
                assertTrue(security.toString().contains("bearer"), op.getKey() + " " + path.getKey() + ": " + security);
                operations++;
            }
        }
        assertTrue(operations >= 10, "operations seen: " + operations);
        // anonymous reads on open buckets: the bearer token is optional there
        assertTrue(doc.getList(OBJECT + ".get.security").contains(Map.of()), doc.getList(OBJECT + ".get.security").toString());
        assertTrue(!doc.getList(OBJECT + ".put.security").contains(Map.of()));
    }

    @Test
    void objectOperationsDeclareTheirRealStatuses() {
        assertTrue(doc.getMap(OBJECT + ".put.responses").keySet().containsAll(List.of("200", "201", "400", "401", "403", "412", "413")));
        assertTrue(doc.getMap(OBJECT + ".get.responses").keySet().containsAll(List.of("200", "206", "304", "404", "412", "416")));
        assertTrue(doc.getMap(OBJECT + ".head.responses").keySet().containsAll(List.of("200", "304", "404", "412")));
        assertTrue(doc.getMap(OBJECT + ".delete.responses").get("200") == null, "DELETE answers 204, not 200");
        assertNotNull(doc.get(OBJECT + ".delete.responses.'204'"));
        assertNotNull(doc.get("paths.'/api/v1/buckets/{bucket}'.put.responses.'201'"));
        assertNotNull(doc.get("paths.'/api/v1/buckets/{bucket}'.put.responses.'409'"));
    }

    @Test
    void errorsAreProblemJsonWithACode() {
        String ref = doc.getString(OBJECT + ".get.responses.'404'.content.'application/problem+json'.schema.'$ref'");
        assertEquals("#/components/schemas/Problem", ref);
        assertTrue(doc.getString(OBJECT + ".get.responses.'404'.description").contains("no_such_key"));
        assertTrue(doc.getString(OBJECT + ".put.responses.'400'.description").contains("checksum_mismatch"));
        assertTrue(doc.getString(OBJECT + ".put.responses.'501'.description").contains("unsupported_transfer_coding"));
        assertTrue(doc.getString(OBJECT + ".put.responses.'507'.description").contains("quota_exceeded"));
        assertTrue(doc.getList("components.schemas.Problem.required").contains("code"));
        assertNotNull(doc.get("components.schemas.Problem.properties.code"));
        assertNotNull(doc.get("components.schemas.Problem.properties.status"));
        assertNotNull(doc.get(OBJECT + ".get.responses.'416'.headers.Content-Range"));
    }

    @Test
    void requestAndResponseHeadersAreDescribed() {
        List<String> getParams = doc.getList(OBJECT + ".get.parameters.findAll { it.in == 'header' }.name");
        assertTrue(getParams.containsAll(List.of("Range", "If-Range", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since")),
                getParams.toString());
        List<String> putParams = doc.getList(OBJECT + ".put.parameters.findAll { it.in == 'header' }.name");
        assertTrue(putParams.containsAll(List.of("Content-MD5", "X-Checksum-SHA256", "If-None-Match", "If-Match")), putParams.toString());
        assertTrue(doc.getString(OBJECT + ".put.description").contains("X-Meta-"));
        Map<String, Object> getHeaders = doc.getMap(OBJECT + ".get.responses.'200'.headers");
        assertTrue(getHeaders.keySet().containsAll(List.of("ETag", "Last-Modified", "Accept-Ranges", "X-Checksum-SHA256", "X-Meta-*")),
                getHeaders.keySet().toString());
        assertNotNull(doc.get(OBJECT + ".get.responses.'206'.headers.Content-Range"));
        assertNotNull(doc.get(OBJECT + ".head.responses.'200'.headers.X-Checksum-SHA256"));
        assertNotNull(doc.get(OBJECT + ".put.responses.'201'.headers.ETag"));
    }

    /** Each status the object API really answers here is one the document lists for that operation. */
    @Test
    void statusesTheGatewayReallyAnswersAreListed() {
        String bucket = "openapi-" + System.nanoTime();
        String url = "/api/v1/buckets/" + bucket + "/objects/doc.txt";
        int created = RestAssured.given().header("Authorization", "Bearer " + GatewayTestResource.ADMIN).put("/api/v1/buckets/" + bucket)
                .then().extract().statusCode();
        assertListed("paths.'/api/v1/buckets/{bucket}'.put", created);
        java.util.function.Supplier<io.restassured.specification.RequestSpecification> as = () -> RestAssured.given()
                .header("Authorization", "Bearer " + GatewayTestResource.ADMIN).contentType("text/plain");
        assertListed(OBJECT + ".put", as.get().body("hello openapi").put(url).then().extract().statusCode());
        var replaced = as.get().body("hello openapi").put(url).then().extract();
        assertListed(OBJECT + ".put", replaced.statusCode());
        String etag = replaced.header("ETag");
        assertListed(OBJECT + ".put", as.get().header("If-None-Match", "*").body("x").put(url).then().extract().statusCode());
        assertListed(OBJECT + ".get", as.get().get(url).then().extract().statusCode());
        assertListed(OBJECT + ".get", as.get().header("Range", "bytes=0-4").get(url).then().extract().statusCode());
        assertListed(OBJECT + ".get", as.get().header("Range", "bytes=100-").get(url).then().extract().statusCode());
        assertListed(OBJECT + ".get", as.get().header("If-None-Match", etag).get(url).then().extract().statusCode());
        assertListed(OBJECT + ".get", as.get().header("If-Match", "\"nope\"").get(url).then().extract().statusCode());
        assertListed(OBJECT + ".head", as.get().head(url).then().extract().statusCode());
        assertListed(OBJECT + ".delete", as.get().delete(url).then().extract().statusCode());
        assertListed(OBJECT + ".get", as.get().get(url).then().extract().statusCode());
        assertListed(OBJECT + ".get", RestAssured.get(url).then().extract().statusCode());
        assertEquals(Problem.MEDIA_TYPE, as.get().get(url).then().extract().contentType().replaceAll(";.*", ""));
    }

    private void assertListed(String operation, int status) {
        Map<String, Object> responses = doc.getMap(operation + ".responses");
        assertTrue(responses.containsKey(Integer.toString(status)), operation + " answered " + status + " but lists " + responses.keySet());
    }

    @Test
    void swaggerUiIsServed() {
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }
}
