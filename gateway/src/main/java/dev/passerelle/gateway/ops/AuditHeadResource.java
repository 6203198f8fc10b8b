package dev.passerelle.gateway.ops;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.auth.Access;
import dev.passerelle.gateway.auth.RequiresAccess;
import dev.passerelle.sovereign.audit.AuditHead;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/admin/audit/head}: the audit chain's head (file, instance, seed, lines, last MAC),
 * for an operator to keep off the host and check later with {@code audit-verify --expect-head}.
 */
@Path("/api/v1/admin/audit/head")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AuditHeadResource {
    /** The code of the 404 when this gateway keeps no audit trail. */
    static final String OFF = "audit_not_configured";

    @Inject
    Passerelle passerelle;

    /** @return the head as JSON, e.g. {@code {"file":"...","instance":"gw1","seed":"...","lines":812,"mac":"..."}} */
    @GET
    @RequiresAccess(Access.ADMIN)
    @Operation(summary = "The audit chain's head: keep it off the host to detect a cut tail (audit-verify --expect-head)")
    public String head() {
        AuditHead head = passerelle.auditHead().orElseThrow(() -> new StorageException(ErrorKind.OBJECT_NOT_FOUND, OFF,
                "this gateway keeps no audit trail (passerelle.audit.key-file is not set)", false, null));
        return head.toJson();
    }
}
