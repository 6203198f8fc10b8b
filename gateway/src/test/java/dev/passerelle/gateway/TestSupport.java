package dev.passerelle.gateway;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers shared by the gateway tests. */
public final class TestSupport {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Sends content types exactly as given (rest-assured appends a charset otherwise). */
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private TestSupport() {
    }

    /** @return a request authenticated with the token */
    public static RequestSpecification as(String token) {
        return RestAssured.given().config(RAW).header("Authorization", "Bearer " + token).urlEncodingEnabled(false);
    }

    /** @return a fresh bucket name, created through the API with the admin token */
    public static String newBucket(String prefix) {
        String name = prefix + "-" + System.nanoTime() % 1_000_000_000L + "-" + COUNTER.incrementAndGet();
        as(GatewayTestResource.ADMIN).put("/api/v1/buckets/" + name).then().statusCode(201);
        return name;
    }

    /** @return lowercase hex SHA-256 of the bytes */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** @return lowercase hex SHA-256 of a stream, read to its end */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
