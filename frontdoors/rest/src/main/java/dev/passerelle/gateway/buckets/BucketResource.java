package dev.passerelle.gateway.buckets;

import dev.passerelle.gateway.auth.Access;
import dev.passerelle.gateway.auth.CallerHolder;
import dev.passerelle.gateway.auth.RequiresAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.stream.Collectors;

/** {@code /api/v1/buckets}: list, create and delete buckets, and list a bucket's objects. */
@Path("/api/v1/buckets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "buckets")
public class BucketResource {
    @Inject
    BucketService buckets;
    @Inject
    CallerHolder callers;

    /** The listing's flag: {@code true} when a backend did not answer, else {@code false}. */
    public static final String PARTIAL_HEADER = "X-Listing-Partial";
    /** On a partial listing: the backends that did not answer, {@code name=code}, comma-separated. */
    public static final String UNAVAILABLE_HEADER = "X-Unavailable-Backends";

    /**
     * Lists the buckets the caller's token may use, as a JSON array. A backend that does not answer
     * never fails the list: its configured buckets are listed with {@code available=false} and its
     * error code, and the response says it is partial ({@value #PARTIAL_HEADER}) and names the backend
     * ({@value #UNAVAILABLE_HEADER}).
     */
    @GET
    @RequiresAccess(Access.READ)
    @Operation(summary = "List buckets", description = "A backend that does not answer never fails the list: its configured "
            + "buckets are listed with available=false and error=<code>, and the headers flag the listing partial and name the backend.")
    @APIResponse(responseCode = "200", description = "The buckets, sorted by name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = BucketService.BucketView.class)),
            headers = {@Header(name = PARTIAL_HEADER, description = "true when a backend did not answer", schema = @Schema(type = SchemaType.BOOLEAN)),
                    @Header(name = UNAVAILABLE_HEADER, description = "on a partial listing: name=code of each backend that did not answer, "
                            + "comma-separated (e.g. azure=backend_unavailable)", schema = @Schema(type = SchemaType.STRING))})
    public Response list() {
        BucketService.BucketList list = buckets.list(callers.caller(), callers.context());
        Response.ResponseBuilder r = Response.ok(list.buckets()).header(PARTIAL_HEADER, Boolean.toString(list.partial()));
        if (list.partial()) {
            r.header(UNAVAILABLE_HEADER, list.failedBackends().stream().map(f -> f.backend() + "=" + f.code()).collect(Collectors.joining(", ")));
        }
        return r.build();
    }

    /** Creates a bucket on the backend its route names (201; 409 if it exists). */
    @PUT
    @Path("{bucket}")
    @RequiresAccess(Access.ADMIN)
    @Operation(summary = "Create a bucket")
    public Response create(@PathParam("bucket") String bucket) {
        return Response.status(201).entity(buckets.create(bucket, callers.context())).build();
    }

    /** Deletes an empty bucket (204; 409 if not empty). */
    @DELETE
    @Path("{bucket}")
    @RequiresAccess(Access.ADMIN)
    @Operation(summary = "Delete an empty bucket")
    public Response delete(@PathParam("bucket") String bucket) {
        buckets.delete(bucket, callers.context());
        return Response.noContent().build();
    }

    /** @return where the bucket lives (backend, jurisdiction, certifications, encryption) and which rule allows it */
    @GET
    @Path("{bucket}/placement")
    @RequiresAccess(Access.READ)
    @Operation(summary = "Explain a bucket's placement and the residency rule that allows it")
    public BucketService.PlacementView placement(@PathParam("bucket") String bucket) {
        return buckets.placement(bucket);
    }

    /** @return one page of the bucket's objects */
    @GET
    @Path("{bucket}/objects")
    @RequiresAccess(value = Access.READ, anonymousOnOpenBuckets = true)
    @Operation(summary = "List objects (prefix, delimiter, cursor, limit 1..1000)")
    public BucketService.ObjectListing objects(@PathParam("bucket") String bucket, @QueryParam("prefix") String prefix,
                                               @QueryParam("delimiter") String delimiter, @QueryParam("cursor") String cursor,
                                               @QueryParam("limit") String limit) {
        return buckets.listObjects(bucket, prefix, delimiter, cursor, limit, callers.context());
    }
}
