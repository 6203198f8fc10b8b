package dev.passerelle.gateway.objects;

import dev.passerelle.api.ObjectInfo;
import dev.passerelle.gateway.auth.Access;
import dev.passerelle.gateway.auth.CallerHolder;
import dev.passerelle.gateway.auth.RequiresAccess;
import dev.passerelle.gateway.config.GatewaySettings;
import dev.passerelle.gateway.http.HttpHeadersSupport;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** {@code /api/v1/buckets/{bucket}/objects/{key}}: object bytes in and out. Keys are percent-encoded. */
@Path("/api/v1/buckets/{bucket}/objects/{key: .+}")
@Tag(name = "objects")
public class ObjectResource {
    @Inject
    ObjectService objects;
    @Inject
    CallerHolder callers;
    @Inject
    GatewaySettings settings;

    /** Stores the body under the key (201 new, 200 overwrite). */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAccess(Access.WRITE)
    @Operation(summary = "Upload an object (streamed; Content-MD5, X-Checksum-SHA256, X-Meta-*, If-None-Match: *, If-Match)")
    public Response put(@PathParam("bucket") String bucket, @Encoded @PathParam("key") String key, @Context HttpHeaders headers, InputStream body) {
        String k = ObjectKeys.fromRequest(callers.routing());
        UploadRequest upload = UploadRequest.from(headers, settings.maxObjectSize());
        ObjectService.PutResult result = objects.put(bucket, k, upload, body, callers.routing().request(), callers.context());
        ObjectInfo info = result.info();
        return Response.status(result.created() ? 201 : 200)
                .header("ETag", HttpHeadersSupport.quoteEtag(info.etag()))
                .entity(new PutResponse(info.key(), info.size(), info.etag(), info.passerelleSha256().orElse(null)))
                .build();
    }

    /** Streams the object, or a range of it. */
    @GET
    @Produces(MediaType.WILDCARD)
    @RequiresAccess(value = Access.READ, anonymousOnOpenBuckets = true)
    @Operation(summary = "Download an object (Range, If-Range, If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since)")
    public Response get(@PathParam("bucket") String bucket, @Encoded @PathParam("key") String key, @Context HttpHeaders headers) {
        String k = ObjectKeys.fromRequest(callers.routing());
        ObjectService.Download d = objects.get(bucket, k, HttpHeadersSupport.conditions(headers::getHeaderString),
                headers.getHeaderString("Range"), headers.getHeaderString("If-Range"), callers.routing().request(), callers.context());
        Response.ResponseBuilder b = ObjectHeaders.of(d.info(), d.range() == null ? d.info().size() : d.range().length());
        if (d.range() != null) {
            b.status(206).header("Content-Range", d.range().contentRange());
        }
        return b.entity(d.body()).build();
    }

    /** The object's headers, without the body. */
    @HEAD
    @RequiresAccess(value = Access.READ, anonymousOnOpenBuckets = true)
    @Operation(summary = "Read an object's metadata")
    public Response head(@PathParam("bucket") String bucket, @Encoded @PathParam("key") String key, @Context HttpHeaders headers) {
        String k = ObjectKeys.fromRequest(callers.routing());
        ObjectInfo info = objects.head(bucket, k, HttpHeadersSupport.conditions(headers::getHeaderString), callers.context());
        return ObjectHeaders.of(info, info.size()).build();
    }

    /** Deletes the object (204; 404 when missing). */
    @DELETE
    @RequiresAccess(Access.WRITE)
    @Operation(summary = "Delete an object")
    public Response delete(@PathParam("bucket") String bucket, @Encoded @PathParam("key") String key) {
        objects.delete(bucket, ObjectKeys.fromRequest(callers.routing()), callers.context());
        return Response.noContent().build();
    }

    /** POST is not an object operation: a problem+json 405 naming the allowed methods. */
    @POST
    @RequiresAccess(value = Access.READ, anonymousOnOpenBuckets = true)
    @Operation(hidden = true)
    public Response post() {
        throw new NotAllowedException(Response.status(405).allow("GET", "HEAD", "PUT", "DELETE").build());
    }

    /** PATCH is not an object operation: a problem+json 405 naming the allowed methods. */
    @PATCH
    @RequiresAccess(value = Access.READ, anonymousOnOpenBuckets = true)
    @Operation(hidden = true)
    public Response patch() {
        throw new NotAllowedException(Response.status(405).allow("GET", "HEAD", "PUT", "DELETE").build());
    }

    /**
     * The answer to a put.
     *
     * @param key the key
     * @param size the bytes stored
     * @param etag the ETag, unquoted
     * @param sha256 the SHA-256 Passerelle computed while streaming
     */
    public record PutResponse(String key, long size, String etag, String sha256) {
    }
}
