package dev.passerelle.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, as every error of the gateway is answered.
 *
 * @param type always {@code about:blank}: the {@code code} is the machine-readable part
 * @param title the HTTP reason phrase of the status
 * @param status the HTTP status
 * @param code the stable machine code (from {@link dev.passerelle.api.ErrorKind} or a more specific one)
 * @param detail a human-readable sentence
 * @param requestId the request's id, as in the {@code X-Request-Id} header
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, String detail, String requestId) {
    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
