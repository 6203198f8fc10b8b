package dev.passerelle.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static dev.passerelle.gateway.GatewayTestResource.READER;
import static dev.passerelle.gateway.GatewayTestResource.WRITER;
import static dev.passerelle.gateway.TestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Range (RFC 9110 §14), If-Range, and conditional GET in §13.2.2 order. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RangeAndConditionalTest {
    private static final String BODY = "0123456789abcdefghij";
    private static final DateTimeFormatter HTTP = DateTimeFormatter.RFC_1123_DATE_TIME;
    private String url;
    private String etag;
    private String lastModified;

    @BeforeEach
    void object() {
        String bucket = TestSupport.newBucket("ranges");
        url = "/api/v1/buckets/" + bucket + "/objects/r.txt";
        etag = as(WRITER).body(BODY).put(url).then().statusCode(201).extract().header("ETag");
        lastModified = as(READER).head(url).header("Last-Modified");
    }

    private static String past() {
        return HTTP.format(ZonedDateTime.now(ZoneOffset.UTC).minusDays(1));
    }

    private static String future() {
        return HTTP.format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
    }

    @Test
    void closedRange() {
        as(READER).header("Range", "bytes=2-5").get(url).then().statusCode(206).body(equalTo("2345"))
                .header("Content-Range", "bytes 2-5/20").header("Content-Length", "4");
    }

    @Test
    void openRangeAndSuffix() {
        as(READER).header("Range", "bytes=15-").get(url).then().statusCode(206).body(equalTo("fghij")).header("Content-Range", "bytes 15-19/20");
        as(READER).header("Range", "bytes=-3").get(url).then().statusCode(206).body(equalTo("hij")).header("Content-Range", "bytes 17-19/20");
        as(READER).header("Range", "bytes=-100").get(url).then().statusCode(206).body(equalTo(BODY)).header("Content-Range", "bytes 0-19/20");
    }

    @Test
    void endPastTheSizeIsClamped() {
        as(READER).header("Range", "bytes=18-1000").get(url).then().statusCode(206).body(equalTo("ij")).header("Content-Range", "bytes 18-19/20");
    }

    @Test
    void startAtOrPastTheSizeIs416() {
        as(READER).header("Range", "bytes=20-").get(url).then().statusCode(416).header("Content-Range", "bytes */20")
                .contentType("application/problem+json").body("code", equalTo("invalid_range"));
        as(READER).header("Range", "bytes=50-60").get(url).then().statusCode(416).header("Content-Range", "bytes */20");
    }

    @Test
    void malformedRangeIsIgnored() {
        for (String bad : new String[] {"bytes=5-2", "bytes=abc", "items=0-1", "bytes=0-1,4-5", "bytes=-"}) {
            as(READER).header("Range", bad).get(url).then().statusCode(200).body(equalTo(BODY)).header("Content-Range", nullValue());
        }
    }

    @Test
    void ifRangeMatchingServesTheRangeOtherwiseTheWholeObject() {
        as(READER).header("Range", "bytes=0-1").header("If-Range", etag).get(url).then().statusCode(206).body(equalTo("01"));
        as(READER).header("Range", "bytes=0-1").header("If-Range", "\"stale\"").get(url).then().statusCode(200).body(equalTo(BODY));
        as(READER).header("Range", "bytes=0-1").header("If-Range", lastModified).get(url).then().statusCode(206).body(equalTo("01"));
        as(READER).header("Range", "bytes=0-1").header("If-Range", past()).get(url).then().statusCode(200).body(equalTo(BODY));
        as(READER).header("Range", "bytes=99-").header("If-Range", "\"stale\"").get(url).then().statusCode(200).body(equalTo(BODY));
    }

    @Test
    void ifMatch() {
        as(READER).header("If-Match", etag).get(url).then().statusCode(200);
        as(READER).header("If-Match", "\"nope\", " + etag).get(url).then().statusCode(200);
        as(READER).header("If-Match", "\"nope\"").get(url).then().statusCode(412).body("code", equalTo("precondition_failed"));
        as(READER).header("If-Match", "W/" + etag).get(url).then().statusCode(412);
    }

    @Test
    void ifNoneMatchGives304WithValidatorsAndNoBody() {
        as(READER).header("If-None-Match", etag).get(url).then().statusCode(304).header("ETag", etag).body(equalTo(""));
        as(READER).header("If-None-Match", "W/" + etag).get(url).then().statusCode(304);
        as(READER).header("If-None-Match", "*").get(url).then().statusCode(304);
        as(READER).header("If-None-Match", "\"other\"").get(url).then().statusCode(200);
        as(READER).header("If-None-Match", etag).head(url).then().statusCode(304);
    }

    @Test
    void dates() {
        as(READER).header("If-Modified-Since", future()).get(url).then().statusCode(304);
        as(READER).header("If-Modified-Since", past()).get(url).then().statusCode(200);
        as(READER).header("If-Unmodified-Since", past()).get(url).then().statusCode(412);
        as(READER).header("If-Unmodified-Since", future()).get(url).then().statusCode(200);
        as(READER).header("If-Modified-Since", "not a date").get(url).then().statusCode(200);
    }

    @Test
    void precedenceFollowsRfc9110() {
        // If-Match passes, so If-Unmodified-Since (which would fail) is not evaluated
        as(READER).header("If-Match", etag).header("If-Unmodified-Since", past()).get(url).then().statusCode(200);
        // If-Match fails first: 412 even though If-None-Match would give 304
        as(READER).header("If-Match", "\"nope\"").header("If-None-Match", etag).get(url).then().statusCode(412);
        // If-None-Match is present, so If-Modified-Since is ignored: no match -> 200 despite a future date
        as(READER).header("If-None-Match", "\"other\"").header("If-Modified-Since", future()).get(url).then().statusCode(200);
        // preconditions come before the range: 412 rather than 416, 304 rather than 206
        as(READER).header("If-Match", "\"nope\"").header("Range", "bytes=99-").get(url).then().statusCode(412);
        as(READER).header("If-None-Match", etag).header("Range", "bytes=0-1").get(url).then().statusCode(304);
    }
}
