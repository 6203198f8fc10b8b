package dev.passerelle.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.ws.rs.core.Response;

/**
 * Builds problem+json answers. The status and code of storage errors come from the one
 * {@link ErrorKind} table; the few protocol errors that have no kind (unknown route, wrong method,
 * unacceptable media type) are named here.
 */
public final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** @return the problem for a status, a code and a detail */
    public static Problem of(int status, String code, String detail, String requestId) {
        return new Problem("about:blank", HttpResponseStatus.valueOf(status).reasonPhrase(), status, code, detail, requestId);
    }

    /** @return the problem for a storage error */
    public static Problem of(StorageException e, String requestId) {
        return of(e.kind().httpStatus(), e.code(), e.detail(), requestId);
    }

    /** @return the stable code of a protocol-level status that no {@link ErrorKind} covers */
    public static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> ErrorKind.INVALID_ARGUMENT.code();
            case 401 -> ErrorKind.UNAUTHORIZED.code();
            case 403 -> ErrorKind.FORBIDDEN.code();
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 411 -> "length_required";
            case 413 -> ErrorKind.PAYLOAD_TOO_LARGE.code();
            case 415 -> "unsupported_media_type";
            case 501 -> ErrorKind.UNSUPPORTED.code();
            case 503 -> ErrorKind.UNAVAILABLE.code();
            default -> status >= 500 ? ErrorKind.INTERNAL.code() : "client_error";
        };
    }

    /**
     * @param problem the problem
     * @param retryAfterSeconds the Retry-After of a 503 answer
     * @return a JAX-RS response carrying the problem (and Retry-After / WWW-Authenticate where they belong)
     */
    public static Response response(Problem problem, int retryAfterSeconds) {
        Response.ResponseBuilder b = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            b.header("Retry-After", retryAfterSeconds);
        }
        if (problem.status() == 401) {
            b.header("WWW-Authenticate", "Bearer realm=\"passerelle\"");
        }
        return b.build();
    }

    /** @return the problem serialised as JSON (for answers written outside JAX-RS) */
    public static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + problem.status() + ",\"code\":\"" + problem.code() + "\"}";
        }
    }
}
