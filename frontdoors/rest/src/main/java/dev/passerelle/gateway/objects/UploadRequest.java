package dev.passerelle.gateway.objects;

import dev.passerelle.api.Conditions;
import dev.passerelle.gateway.http.HttpHeadersSupport;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Map;

/**
 * What a PUT declares in its headers, read and validated before its body is touched.
 *
 * @param contentType the media type, or null for the default
 * @param metadata the user metadata
 * @param conditions If-Match / If-None-Match
 * @param expectedMd5 hex MD5 from Content-MD5, or null
 * @param expectedSha256 hex SHA-256 from X-Checksum-SHA256, or null
 * @param declaredLength the Content-Length, or -1 for a chunked body
 */
public record UploadRequest(String contentType, Map<String, String> metadata, Conditions conditions,
                            String expectedMd5, String expectedSha256, long declaredLength) {

    /**
     * @param headers the request's headers
     * @param maxObjectSize the largest object accepted
     * @return the declared upload
     * @throws dev.passerelle.api.StorageException INVALID_ARGUMENT or PAYLOAD_TOO_LARGE
     */
    public static UploadRequest from(HttpHeaders headers, long maxObjectSize) {
        long length = HttpHeadersSupport.declaredLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH), maxObjectSize);
        Conditions c = HttpHeadersSupport.conditions(headers::getHeaderString);
        Conditions write = new Conditions(c.ifMatch(), c.ifNoneMatch(), null, c.ifUnmodifiedSince());
        return new UploadRequest(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), MetadataHeaders.read(headers.getRequestHeaders()), write,
                HttpHeadersSupport.md5FromHeader(headers.getHeaderString("Content-MD5")),
                HttpHeadersSupport.sha256FromHeader(headers.getHeaderString("X-Checksum-SHA256")), length);
    }
}
