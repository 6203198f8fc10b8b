package dev.passerelle.sovereign.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One data access, as written to the audit log.
 *
 * @param time when the access completed
 * @param requestId the request id from the {@link dev.passerelle.api.CallContext}
 * @param caller the authenticated caller (token name)
 * @param operation e.g. {@code put}, {@code get}, {@code delete}, {@code list}
 * @param backend the backend the bucket lives on, or null
 * @param bucket the bucket (container)
 * @param key the object key (a prefix for list), or null
 * @param source for a copy, {@code bucket/key} of the source; else null
 * @param bytes the bytes written or served
 * @param result {@code ok}, {@code incomplete} (a read closed early), or the stable error code
 * @param clientAddress the client's address, or null
 * @param clientRequestId the id the client chose for its request (not trusted: kept apart from {@code requestId}), or null
 * @param reason why the access was refused ({@code forbidden}, {@code unauthorized}), in one sentence; else null
 * @param unbound whether the object read is of envelope version 1, not bound to its bucket and key
 *                (written {@code "unbound":true}; absent otherwise)
 */
public record AuditRecord(Instant time, String requestId, String caller, String operation, String backend, String bucket,
                          String key, String source, long bytes, String result, String clientAddress, String clientRequestId,
                          String reason, boolean unbound) {

    /** Checks the required fields. */
    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(result, "result");
    }

    /** A record without a client-chosen request id, a refusal reason or an unbound envelope. */
    public AuditRecord(Instant time, String requestId, String caller, String operation, String backend, String bucket,
                       String key, String source, long bytes, String result, String clientAddress) {
        this(time, requestId, caller, operation, backend, bucket, key, source, bytes, result, clientAddress, null, null, false);
    }

    /** @return the JSON object of this record, one line, without the chain's MAC */
    public String toJson() {
        StringBuilder sb = new StringBuilder(256).append('{');
        Json.name(sb, "time");
        Json.string(sb, time.toString());
        Json.name(sb, "request");
        Json.string(sb, requestId);
        Json.name(sb, "caller");
        Json.string(sb, caller);
        Json.name(sb, "op");
        Json.string(sb, operation);
        Json.name(sb, "backend");
        Json.string(sb, backend);
        Json.name(sb, "bucket");
        Json.string(sb, bucket);
        Json.name(sb, "key");
        Json.string(sb, key);
        if (source != null) {
            Json.name(sb, "source");
            Json.string(sb, source);
        }
        Json.name(sb, "bytes");
        sb.append(bytes);
        Json.name(sb, "result");
        Json.string(sb, result);
        Json.name(sb, "client");
        Json.string(sb, clientAddress);
        if (clientRequestId != null) {
            Json.name(sb, "client_request");
            Json.string(sb, clientRequestId);
        }
        if (unbound) {
            Json.name(sb, "unbound");
            sb.append(true);
        }
        if (reason != null) {
            Json.name(sb, "reason");
            Json.string(sb, reason);
        }
        return sb.append('}').toString();
    }
}
