package dev.passerelle.gateway.auth;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.gateway.http.RequestTracking;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;

/**
 * Authenticates every REST call before its body is read: a bearer token, or no token on a bucket
 * open to anonymous reads. 401 without a (valid) token, 403 when the token lacks the access or
 * the bucket.
 */
public class AuthFilter {
    private static final String BEARER = "bearer ";

    @Inject
    TokenStore tokens;
    @Inject
    RefusalAudit refusals;
    @Inject
    CallerHolder callers;
    @Inject
    dev.passerelle.core.Passerelle passerelle;

    /**
     * Checks the caller and records it (and the addressed bucket and key) for the access log; a
     * refusal of a data route also goes to the audit trail.
     */
    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, ResourceInfo resource, RoutingContext ctx) {
        Method method = resource.getResourceMethod();
        RequiresAccess needed = method == null ? null : method.getAnnotation(RequiresAccess.class);
        String bucket = request.getUriInfo().getPathParameters().getFirst("bucket");
        ctx.put(RequestTracking.BUCKET, bucket);
        if (ctx.get(RequestTracking.KEY) == null) { // the raw-path guard has put the key as sent
            ctx.put(RequestTracking.KEY, request.getUriInfo().getPathParameters().getFirst("key"));
        }
        try {
            check(needed, request, bucket, ctx);
            if (bucket != null) {
                passerelle.requireNotReserved(bucket);
            }
        } catch (StorageException e) {
            refusals.record(ctx, callers, e);
            throw e;
        }
    }

    private void check(RequiresAccess needed, ContainerRequestContext request, String bucket, RoutingContext ctx) {
        if (needed == null) {
            throw new StorageException(ErrorKind.FORBIDDEN, "this operation is not available");
        }
        String header = request.getHeaderString("Authorization");
        if (header == null) {
            if (needed.anonymousOnOpenBuckets() && needed.value() == Access.READ && tokens.isAnonymousReadable(bucket)) {
                ctx.put(RequestTracking.CALLER, Caller.ANONYMOUS);
                return;
            }
            throw new StorageException(ErrorKind.UNAUTHORIZED, "this request needs an Authorization: Bearer token");
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new StorageException(ErrorKind.UNAUTHORIZED, "the Authorization header must be 'Bearer <token>'");
        }
        Caller caller = tokens.authenticate(header.substring(BEARER.length()).trim())
                .orElseThrow(() -> new StorageException(ErrorKind.UNAUTHORIZED, "the bearer token is not valid"));
        ctx.put(RequestTracking.CALLER, caller.name());
        if (!caller.access().allows(needed.value())) {
            throw new StorageException(ErrorKind.FORBIDDEN, "token '" + caller.name() + "' has " + caller.access().name().toLowerCase()
                    + " access; this operation needs " + needed.value().name().toLowerCase());
        }
        if (bucket != null && !caller.mayUse(bucket)) {
            throw new StorageException(ErrorKind.FORBIDDEN, "token '" + caller.name() + "' may not use bucket '" + bucket + "'");
        }
        ctx.put(CallerHolder.KEY, caller);
    }
}
