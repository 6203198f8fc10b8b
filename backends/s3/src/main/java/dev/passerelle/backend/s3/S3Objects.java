package dev.passerelle.backend.s3;

import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.spi.support.AsciiHeaderMetadata;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import okhttp3.Headers;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link ObjectInfo}s from what the host returns: HEAD (stat), GET headers and listing
 * items. ETag quoting differs between minio-java's calls (stat strips quotes, listings keep them);
 * {@link ObjectInfo} normalises both. An ETag is never read as an MD5.
 */
final class S3Objects {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    private S3Objects() {
    }

    /** @return the object's info from a HEAD answer */
    static ObjectInfo fromStat(String key, StatObjectResponse stat) {
        Map<String, String> wire = stat.userMetadata();
        return new ObjectInfo(key, stat.size(), stat.etag(), stat.contentType(), instant(stat.lastModified()),
                AsciiHeaderMetadata.decodeUser(wire), AsciiHeaderMetadata.decodeChecksums(wire));
    }

    /**
     * @param headers the headers of a GET answer (200 or 206)
     * @return the WHOLE object's info: on a 206 its size comes from Content-Range
     */
    static ObjectInfo fromGet(String bucket, String key, Headers headers) {
        StatObjectResponse stat = new StatObjectResponse(headers, bucket, null, key);
        long size = stat.size();
        String contentRange = headers.get("Content-Range");
        if (contentRange != null) {
            Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
            if (m.matches() && !m.group(3).equals("*")) {
                size = Long.parseLong(m.group(3));
            }
        }
        Map<String, String> wire = stat.userMetadata();
        return new ObjectInfo(key, size, stat.etag(), stat.contentType(), instant(stat.lastModified()),
                AsciiHeaderMetadata.decodeUser(wire), AsciiHeaderMetadata.decodeChecksums(wire));
    }

    /** @return the first byte a 206 answer holds, or -1 when the answer is not a range */
    static long rangeStart(Headers headers) {
        String contentRange = headers.get("Content-Range");
        if (contentRange == null) {
            return -1;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** @return a listing entry's info (no content type, metadata or checksums: head for those) */
    static ObjectInfo fromItem(Item item) {
        return new ObjectInfo(item.objectName(), item.size(), item.etag(), null, instant(item.lastModified()), Map.of(), Map.of());
    }

    private static Instant instant(ZonedDateTime t) {
        return t == null ? Instant.EPOCH : t.toInstant();
    }
}
