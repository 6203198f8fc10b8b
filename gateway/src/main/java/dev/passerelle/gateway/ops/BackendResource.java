package dev.passerelle.gateway.ops;

import dev.passerelle.gateway.auth.Access;
import dev.passerelle.gateway.auth.RequiresAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /api/v1/backends}: the configured backends, their jurisdiction and health. */
@Path("/api/v1/backends")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backends")
public class BackendResource {
    @Inject
    BackendService backends;

    /** @return every backend with its health */
    @GET
    @RequiresAccess(Access.READ)
    @Operation(summary = "List backends with type, jurisdiction and health")
    public List<BackendService.BackendView> list() {
        return backends.list();
    }
}
