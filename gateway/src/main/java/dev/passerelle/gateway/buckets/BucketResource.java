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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /api/v1/buckets}: list, create and delete buckets, and list a bucket's objects. */
@Path("/api/v1/buckets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "buckets")
public class BucketResource {
    @Inject
    BucketService buckets;
    @Inject
    CallerHolder callers;

    /** @return the buckets the caller's token may use */
    @GET
    @RequiresAccess(Access.READ)
    @Operation(summary = "List buckets")
    public List<BucketService.BucketView> list() {
        return buckets.list(callers.caller(), callers.context());
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
