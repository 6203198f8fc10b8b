package dev.passerelle.gateway.objects;

import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.gateway.http.HttpHeadersSupport;
import jakarta.ws.rs.core.Response;

/** The headers describing an object in GET and HEAD answers. */
final class ObjectHeaders {
    private ObjectHeaders() {
    }

    /**
     * @param info the object
     * @param length the number of body bytes (the range's length for a 206)
     * @return a 200 builder with ETag, Content-Length, Content-Type, Last-Modified, Accept-Ranges, X-Meta-*, X-Checksum-SHA256,
     *         and X-Content-Type-Options: nosniff with Content-Security-Policy: sandbox
     */
    static Response.ResponseBuilder of(ObjectInfo info, long length) {
        Response.ResponseBuilder b = Response.ok()
                .header("ETag", HttpHeadersSupport.quoteEtag(info.etag()))
                .header("Content-Length", length)
                .header("Content-Type", info.contentType() == null ? PutOptions.DEFAULT_CONTENT_TYPE : info.contentType())
                .header("Last-Modified", HttpHeadersSupport.httpDate(info.lastModified()))
                .header("Accept-Ranges", "bytes")
                // stored bytes are data, never a page of the gateway's origin: no sniffing, no scripts, no same-origin
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox");
        info.passerelleSha256().ifPresent(sha -> b.header("X-Checksum-SHA256", sha));
        MetadataHeaders.write(info.userMetadata(), b);
        return b;
    }
}
