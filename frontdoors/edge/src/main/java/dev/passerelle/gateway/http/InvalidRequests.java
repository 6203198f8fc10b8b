package dev.passerelle.gateway.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The answer to a request Vert.x's HTTP/1.1 codec could not parse (Vert.x' own is an empty 400):
 * problem+json with a stable code, an access-log line, and the connection closed, since its framing
 * can no longer be trusted.
 */
final class InvalidRequests {
    private InvalidRequests() {
    }

    private static String clientId(HttpServerRequest request) {
        String client = request.headers().get(RequestIds.HEADER);
        return client == null || client.length() <= RequestIds.MAX_CLIENT_ID ? client : client.substring(0, RequestIds.MAX_CLIENT_ID);
    }

    static void answer(HttpServerRequest request) {
        long start = System.nanoTime();
        Throwable cause = request.decoderResult().cause();
        int status = 400;
        String code;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            code = "uri_too_long";
            detail = "the request line is too long";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            code = "header_fields_too_large";
            detail = "the request headers are too large";
        } else if (cause instanceof IllegalArgumentException && request.headers().contains("Content-Length")) {
            code = "invalid_content_length";
            detail = "Content-Length must be one non-negative decimal number, sent once; got "
                    + String.join(", ", request.headers().getAll("Content-Length"));
        } else {
            code = "invalid_request";
            detail = "the request is not valid HTTP/1.1";
        }
        String id = RequestIds.fresh();
        int sent = status;
        HttpServerResponse response = request.response();
        response.setStatusCode(sent).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader(RequestIds.HEADER, id)
                .putHeader("Connection", "close");
        response.end(Problems.json(Problems.of(sent, code, detail, id))).onComplete(ar -> {
            AccessLog.write(new AccessLog.Entry(id, clientId(request), null, request.method().name(), null, null,
                    ar.succeeded() ? Integer.toString(sent) : "aborted", ar.succeeded() ? code : "connection_closed",
                    0, response.bytesWritten(), (System.nanoTime() - start) / 1000,
                    request.remoteAddress() == null ? null : request.remoteAddress().hostAddress()));
            request.connection().close();
        });
    }
}
