package dev.passerelle.backend.azure;

import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ObjectInfo;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Conversions between Azure's models and the contract's: object info and request conditions. */
final class AzureObjects {
    private AzureObjects() {
    }

    /** @return the info of a blob from its properties (HEAD or the first chunk of a read) */
    static ObjectInfo info(String key, BlobProperties p) {
        return new ObjectInfo(key, p.getBlobSize(), p.getETag(), p.getContentType(), instant(p.getLastModified()),
                MetadataCodec.decodeUser(p.getMetadata()), MetadataCodec.checksums(p.getMetadata(), p.getContentMd5()));
    }

    /**
     * @param key the key
     * @param headers the headers of a Get Blob answer, names lower-cased
     * @return the info of the blob served (its whole size, also for a ranged answer)
     */
    static ObjectInfo info(String key, Map<String, String> headers) {
        Map<String, String> metadata = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith("x-ms-meta-")) {
                metadata.put(name.substring("x-ms-meta-".length()), value);
            }
        });
        String md5 = headers.containsKey("x-ms-blob-content-md5") ? headers.get("x-ms-blob-content-md5")
                : headers.containsKey("content-range") ? null : headers.get("content-md5");
        byte[] contentMd5 = md5 == null ? null : Base64.getDecoder().decode(md5);
        return new ObjectInfo(key, totalSize(headers), headers.get("etag"), headers.get("content-type"),
                httpDate(headers.get("last-modified"), Instant.EPOCH), MetadataCodec.decodeUser(metadata),
                MetadataCodec.checksums(metadata, contentMd5));
    }

    /** @return the instant of an HTTP date header (RFC 1123), or {@code ifMissing} when there is none */
    static Instant httpDate(String value, Instant ifMissing) {
        return value == null ? ifMissing : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static long totalSize(Map<String, String> headers) {
        String range = headers.get("content-range");
        if (range != null) {
            int slash = range.lastIndexOf('/');
            return Long.parseLong(range.substring(slash + 1).trim());
        }
        return Long.parseLong(headers.getOrDefault("content-length", "0").trim());
    }

    /** @return the info of a listed blob (listings ask Azure for metadata, so checksums are included) */
    static ObjectInfo info(BlobItem item) {
        BlobItemProperties p = item.getProperties();
        Long size = p.getContentLength();
        return new ObjectInfo(item.getName(), size == null ? 0 : size, p.getETag(), p.getContentType(), instant(p.getLastModified()),
                MetadataCodec.decodeUser(item.getMetadata()), MetadataCodec.checksums(item.getMetadata(), p.getContentMd5()));
    }

    /**
     * Write conditions as Azure request conditions, evaluated by Azure atomically with the commit.
     *
     * @return the request conditions, or null when there is none
     */
    static BlobRequestConditions writeConditions(Conditions c) {
        if (c == null || c.isEmpty()) {
            return null;
        }
        BlobRequestConditions r = new BlobRequestConditions();
        if (c.ifMatch() != null) {
            r.setIfMatch(etagHeader(c.ifMatch()));
        }
        if (c.ifNoneMatch() != null) {
            r.setIfNoneMatch(etagHeader(c.ifNoneMatch()));
        }
        if (c.ifUnmodifiedSince() != null) {
            r.setIfUnmodifiedSince(OffsetDateTime.ofInstant(c.ifUnmodifiedSince(), ZoneOffset.UTC));
        }
        return r;
    }

    /** @return conditions that pin a read or copy to exactly this ETag */
    static BlobRequestConditions pinned(String etag) {
        return new BlobRequestConditions().setIfMatch(quote(etag));
    }

    /** @return an If-Match / If-None-Match header value: {@code *} or each ETag quoted */
    static String etagHeader(String header) {
        String h = header.trim();
        if (h.equals("*")) {
            return h;
        }
        List<String> parts = new ArrayList<>();
        for (String p : h.split(",")) {
            String bare = ObjectInfo.normalizeEtag(p);
            if (!bare.isEmpty()) {
                parts.add(quote(bare));
            }
        }
        return String.join(", ", parts);
    }

    private static String quote(String etag) {
        return "\"" + ObjectInfo.normalizeEtag(etag) + "\"";
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? Instant.EPOCH : t.toInstant();
    }
}
