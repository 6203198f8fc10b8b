package dev.passerelle.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling and which request this is: read by decorators such as audit and metrics.
 *
 * @param requestId a unique id of the request, chosen by Passerelle (never null)
 * @param caller the authenticated caller's name (a token name, "anonymous", "system"); never null
 * @param clientAddress the client's network address, or null when not applicable
 * @param clientRequestId the id the client gave its request (e.g. its {@code X-Request-Id}), kept apart
 *        from {@code requestId} because the client chooses it freely; null when none
 */
public record CallContext(String requestId, String caller, String clientAddress, String clientRequestId) {

    /** Validates that id and caller are present. */
    public CallContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(caller, "caller");
    }

    /** A context without a client-chosen id. */
    public CallContext(String requestId, String caller, String clientAddress) {
        this(requestId, caller, clientAddress, null);
    }

    /** @return a context for work Passerelle does on its own behalf, with a fresh request id */
    public static CallContext system() {
        return new CallContext(UUID.randomUUID().toString(), "system", null);
    }

    /** @return a context for the given caller with a fresh request id */
    public static CallContext of(String caller) {
        return new CallContext(UUID.randomUUID().toString(), caller, null);
    }
}
