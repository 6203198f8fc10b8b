package dev.passerelle.gateway.rest;

import com.fasterxml.jackson.core.JacksonException;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.gateway.config.GatewaySettings;
import dev.passerelle.gateway.http.NotModifiedException;
import dev.passerelle.gateway.http.Problems;
import dev.passerelle.gateway.http.RangeNotSatisfiableException;
import dev.passerelle.gateway.http.RequestIds;
import dev.passerelle.gateway.http.RequestTracking;
import dev.passerelle.gateway.objects.TransferAbortedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into problem+json: storage errors through the
 * {@link ErrorKind} table, JAX-RS errors (404, 405, 406, 415...) by status, malformed JSON as 400,
 * anything else as a 500 whose detail names only the request id (the stack trace goes to the log).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    GatewaySettings settings;

    /** @return the answer to a storage (or gateway) error */
    @ServerExceptionMapper
    public Response storage(StorageException e, RoutingContext ctx) {
        String id = RequestIds.of(ctx);
        ctx.put(RequestTracking.FAILURE, e.code());
        if (e instanceof NotModifiedException nm) {
            return nm.response();
        }
        if (e.kind() == ErrorKind.INTERNAL || e.kind() == ErrorKind.INTEGRITY) {
            LOG.errorf(e, "request %s failed: %s", id, e.getMessage());
        } else if (e.kind().httpStatus() >= 500) {
            LOG.warnf("request %s failed: %s", id, e.getMessage());
        }
        Response r = Problems.response(Problems.of(e, id), settings.retryAfterSeconds());
        if (e instanceof RangeNotSatisfiableException rns) {
            return Response.fromResponse(r).header("Content-Range", "bytes */" + rns.size()).build();
        }
        return r;
    }

    /** @return the answer to a JAX-RS error (unknown route, wrong method, bad media type...) */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource: " + ctx.request().method() + " " + ctx.request().path();
            case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
            case 406 -> "none of the acceptable media types can be produced";
            case 415 -> "unsupported media type";
            default -> status >= 500 ? "internal error" : "the request could not be processed";
        };
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", RequestIds.of(ctx));
        }
        Response.ResponseBuilder b = Response.fromResponse(Problems.response(Problems.of(status, Problems.codeForStatus(status), detail, RequestIds.of(ctx)), settings.retryAfterSeconds()));
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            b.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return b.build();
    }

    /** @return a 400 for a JSON body that could not be read */
    @ServerExceptionMapper
    public Response json(JacksonException e, RoutingContext ctx) {
        return Problems.response(Problems.of(400, "invalid_json", "the request body is not valid JSON for this operation", RequestIds.of(ctx)), settings.retryAfterSeconds());
    }

    /** @return a 500 that names only the request id; the cause goes to the log */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext ctx) {
        String id = RequestIds.of(ctx);
        ctx.put(RequestTracking.FAILURE, e instanceof TransferAbortedException ? "transfer_aborted" : ErrorKind.INTERNAL.code());
        if (e instanceof TransferAbortedException) {
            LOG.debugf("request %s: %s", id, e.getMessage());
        } else {
            LOG.errorf(e, "request %s failed unexpectedly", id);
        }
        return Problems.response(Problems.of(500, ErrorKind.INTERNAL.code(), "internal error; see the gateway log for request " + id, id), settings.retryAfterSeconds());
    }
}
