package dev.passerelle.gateway.auth;

import dev.passerelle.api.StorageException;
import dev.passerelle.core.Passerelle;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.gateway.config.GatewayKeys;

/**
 * Puts every refused data access (401 and 403 from {@link AuthFilter}) into the audit trail, with
 * the caller ({@code anonymous} without a valid token), bucket, key, result and reason. Requests
 * without a valid token cost nothing to send, so their lines are limited to
 * {@code passerelle.audit.unauthenticated-per-second} (default 10): beyond it they are counted, and
 * the next one written says how many were left out (the access log keeps each of them). Refusals of an authenticated token are never limited: its holder is accountable.
 */
@Singleton
public class RefusalAudit {
    private final Passerelle passerelle;
    private final int perSecond;
    private final RefusalLimiter limiter;

    /** @param config {@link GatewayKeys#AUDIT_UNAUTHENTICATED_PER_SECOND} */
    public RefusalAudit(Passerelle passerelle, ConfigValues config) {
        int perSecond = config.get(GatewayKeys.AUDIT_UNAUTHENTICATED_PER_SECOND);
        if (perSecond < 1) {
            throw new dev.passerelle.api.spi.ConfigException("passerelle.audit.unauthenticated-per-second", "must be at least 1");
        }
        this.passerelle = passerelle;
        this.perSecond = perSecond;
        this.limiter = new RefusalLimiter(perSecond, System::nanoTime);
    }

    /**
     * Audits one refusal of a data route (a bucket or object, or the bucket list); other routes are
     * left to the access log.
     *
     * @param ctx the request, with the caller the filter found (if any)
     * @param callers the call context of the request
     * @param e the refusal
     */
    void record(RoutingContext ctx, CallerHolder callers, StorageException e) {
        String bucket = ctx.get(dev.passerelle.gateway.http.RequestTracking.BUCKET);
        String key = ctx.get(dev.passerelle.gateway.http.RequestTracking.KEY);
        String op = operation(ctx.request().method().name(), ctx.request().path(), bucket, key);
        if (op == null) {
            return;
        }
        String reason = e.detail();
        if (ctx.get(dev.passerelle.gateway.http.RequestTracking.CALLER) == null) {
            long more = limiter.admit();
            if (more < 0) {
                return;
            }
            if (more > 0) {
                reason = reason + " (" + more + " unauthenticated refusals before this one were left out of the audit trail: over "
                        + perSecond + " per second; the access log has each)";
            }
        }
        passerelle.auditRefusal(callers.context(), op, bucket, key, e.code(), reason);
    }

    /** @return the audited operation of a data route, or null for any other route */
    static String operation(String method, String path, String bucket, String key) {
        if (key != null) {
            return method.toLowerCase(java.util.Locale.ROOT);
        }
        if (bucket == null) {
            return path.equals("/api/v1/buckets") || path.equals("/api/v1/buckets/") ? "list-buckets" : null;
        }
        if (path.endsWith("/objects")) {
            return "list";
        }
        if (path.endsWith("/placement")) {
            return "placement";
        }
        return switch (method) {
            case "PUT" -> "create-bucket";
            case "DELETE" -> "delete-bucket";
            default -> method.toLowerCase(java.util.Locale.ROOT) + "-bucket";
        };
    }
}
