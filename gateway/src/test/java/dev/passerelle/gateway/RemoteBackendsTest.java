package dev.passerelle.gateway;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.passerelle.testservers.S3ProxyServer;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.passerelle.gateway.GatewayTestResource.ADMIN;
import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * End to end through the gateway to real remote hosts: 64 MiB streamed to a bucket routed to
 * Azurite and to one routed to S3Proxy, SHA-256 compared through the gateway AND on the server directly.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@WithTestResource(RemoteBackendsResource.class)
class RemoteBackendsTest {
    private static final long SIZE = 64L << 20;

    @Test
    void backendsShowBothHostsAndTheirHealth() {
        as(READER).get("/api/v1/backends").then().statusCode(200)
                .body("name", hasItem("azure")).body("find { it.name == 'azure' }.type", equalTo("azure"))
                .body("find { it.name == 'azure' }.jurisdiction", equalTo("US"))
                .body("find { it.name == 'azure' }.health.status", equalTo("up"))
                .body("find { it.name == 'cellar' }.type", equalTo("s3"))
                .body("find { it.name == 'cellar' }.health.status", equalTo("up"));
        RestAssured.get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("backends"))
                .body("checks.find { it.name == 'backends' }.data.azure", equalTo("up"))
                .body("checks.find { it.name == 'backends' }.data.cellar", equalTo("up"));
    }

    /** Streams 64 MiB (chunked) through the gateway into the bucket and back; @return the expected SHA-256 */
    private static String roundTrip(String bucket, String backend, String key, long seed) throws Exception {
        as(ADMIN).put("/api/v1/buckets/" + bucket).then().statusCode(201).body("backend", equalTo(backend));
        String expected = StreamingTest.sha256Of(SIZE, seed);
        String url = "http://127.0.0.1:" + RestAssured.port + "/api/v1/buckets/" + bucket + "/objects/" + key;
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + WRITER)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> StreamingTest.generated(SIZE, seed))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        HttpResponse<InputStream> get = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + READER).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, get.statusCode());
        try (InputStream in = get.body()) {
            assertEquals(expected, TestSupport.sha256Hex(in), "bytes through the gateway");
        }
        return expected;
    }

    @Test
    void sixtyFourMiBThroughTheGatewayToS3Proxy() throws Exception {
        String bucket = RemoteBackendsResource.S3_BUCKET;
        String expected = roundTrip(bucket, "cellar", "big/s3.bin", 43);
        S3ProxyServer server = RemoteBackendsResource.s3proxy();
        MinioClient direct = MinioClient.builder().endpoint(server.endpoint()).credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build();
        try (InputStream in = direct.getObject(GetObjectArgs.builder().bucket(bucket).object("big/s3.bin").build())) {
            assertEquals(expected, TestSupport.sha256Hex(in), "bytes on the S3Proxy server");
        }
    }

    @Test
    void sixtyFourMiBThroughTheGatewayToAzurite() throws Exception {
        String bucket = RemoteBackendsResource.AZURE_BUCKET;
        String expected = roundTrip(bucket, "azure", "big/azure.bin", 42);
        BlobServiceClient direct = new BlobServiceClientBuilder().connectionString(RemoteBackendsResource.azurite().connectionString()).buildClient();
        var blob = direct.getBlobContainerClient(bucket).getBlobClient("big/azure.bin");
        assertEquals(SIZE, blob.getProperties().getBlobSize());
        try (InputStream in = blob.openInputStream()) {
            assertEquals(expected, TestSupport.sha256Hex(in), "bytes on the Azurite server");
        }
    }
}
