package dev.passerelle.gateway.config;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's own {@code passerelle.*} keys (Quarkus' {@code quarkus.*} keys stay Quarkus'). Read
 * through {@link dev.passerelle.api.config.ConfigValues} ({@link GatewayConfig}); the gateway refuses
 * at start-up any {@code passerelle.*} key that neither these nor core's and sovereign's declarations name.
 */
public final class GatewayKeys {
    private static final String TOKENS = "passerelle.auth.tokens.<name>.";

    /** The largest object accepted. */
    public static final ConfigKey<Long> MAX_OBJECT_SIZE = ConfigKey.size("passerelle.max-object-size").defaultValue("5T")
            .help("Largest object accepted. Also sets `quarkus.http.limits.max-body-size` (plus 1 MiB slack) so Quarkus never truncates a body; "
                    + "do not set that key yourself. A `Content-Length` over it is answered `413 payload_too_large` before the body is read.");
    /** The read buffer one upload leases. */
    public static final ConfigKey<Long> UPLOAD_BUFFER_SIZE = ConfigKey.size("passerelle.upload-buffer-size").defaultValue("256K")
            .help("Read buffer each upload leases from the budget (4K..64M).");
    /** The budget of all upload buffers. */
    public static final ConfigKey<Long> UPLOAD_BUFFER_BUDGET = ConfigKey.size("passerelle.upload-buffer-budget").defaultValue("64M")
            .help("Global budget of upload buffers. When it is spent, new uploads get `503` with `Retry-After` (code `upload_budget_exhausted`) "
                    + "before their body is read. `budget / buffer-size` = uploads in flight.");
    /** The Retry-After of 503 answers. */
    public static final ConfigKey<Integer> RETRY_AFTER_SECONDS = ConfigKey.integer("passerelle.retry-after-seconds").defaultValue("2")
            .help("`Retry-After` of every 503 answer, in seconds (at least 1).");
    /** The request-head timeout. */
    public static final ConfigKey<Duration> HEADER_TIMEOUT = ConfigKey.duration("passerelle.http.header-timeout").defaultValue("10s")
            .help("How long a request head (request line and headers) may take to arrive, from the connection's start or the first byte of a later "
                    + "request on it (at least 100ms). Over it: `408 request_timeout` and the connection closed. Applies to every HTTP listener (ADR 0014).");
    /** Connections per client address. */
    public static final ConfigKey<Integer> MAX_CONNECTIONS_PER_CLIENT = ConfigKey.integer("passerelle.http.max-connections-per-client").defaultValue("64")
            .help("Connections one client address may hold open at once, on every HTTP listener. Over it an idle keep-alive connection of that "
                    + "address is closed to make room, else the new one gets `503 too_many_connections`. Behind a reverse proxy raise it.");
    /** A token's secret. */
    public static final ConfigKey<String> TOKEN_SECRET = ConfigKey.string(TOKENS + "secret").markSecretNoFile()
            .help("A bearer token's secret (better from an environment variable, e.g. `PASSERELLE_AUTH_TOKENS_CI_SECRET`); at least 32 characters advised.");
    /** A token's secret digest. */
    public static final ConfigKey<String> TOKEN_SECRET_SHA256 = ConfigKey.string(TOKENS + "secret-sha256")
            .help("Instead of `.secret`: the hex SHA-256 of the secret (`printf %s \"$SECRET\" | sha256sum`).");
    /** A token's access. */
    public static final ConfigKey<String> TOKEN_ACCESS = ConfigKey.choice(TOKENS + "access", "read", "write", "admin").defaultValue("read")
            .help("`read` (GET/HEAD/list), `write` (+ PUT/DELETE objects) or `admin` (+ create/delete buckets).");
    /** A token's buckets. */
    public static final ConfigKey<List<String>> TOKEN_BUCKETS = ConfigKey.list(TOKENS + "buckets").defaultValue("*")
            .help("Comma list of buckets the token may use, or `*`. Each entry must be `*` or a valid bucket name (no patterns).");
    /** Buckets open to anonymous reads. */
    public static final ConfigKey<List<String>> ANONYMOUS_READ_BUCKETS = ConfigKey.list("passerelle.auth.anonymous-read-buckets")
            .help("Comma list of buckets anyone may read (GET/HEAD objects, list) without a token.");
    /** Audit lines per second for unauthenticated refusals. */
    public static final ConfigKey<Integer> AUDIT_UNAUTHENTICATED_PER_SECOND = ConfigKey.integer("passerelle.audit.unauthenticated-per-second")
            .defaultValue("10").help("At most this many audit lines a second for refusals without a valid token (at least 1); the rest are counted.");
    /** How often the audit head is logged. */
    public static final ConfigKey<Duration> AUDIT_HEAD_INTERVAL = ConfigKey.duration("passerelle.audit.head-interval").defaultValue("5m")
            .help("How often the audit chain's head is logged when it moved (at least 1s); ship those lines off the host.");
    /** The readiness policy. */
    public static final ConfigKey<String> HEALTH_READY_REQUIRES = ConfigKey.string("passerelle.health.ready-requires").defaultValue("any")
            .help("`any`: ready while at least one backend answers; `all`; or a comma list of backends that must all answer.");
    /** The per-backend readiness check's bound. */
    public static final ConfigKey<Duration> HEALTH_TIMEOUT = ConfigKey.duration("passerelle.health.timeout").defaultValue("5s")
            .help("How long one backend's readiness check may take before it counts as down.");
    /** Stack traces on a failed start. */
    public static final ConfigKey<Boolean> DEBUG = ConfigKey.bool("passerelle.debug").defaultValue("false")
            .help("A failed start-up also prints its stack trace (a system property, or `PASSERELLE_DEBUG=1`).");

    /** The entry keys of a token, for reading the map from environment variables. */
    static final List<String> TOKEN_ENTRY_KEYS = List.of("secret", "secret-sha256", "access", "buckets");

    /** Every gateway key. */
    public static final ConfigKeys DECLARATION = ConfigKeys.of("gateway", "Gateway (REST API v1)",
            "Quarkus' own keys (`quarkus.http.host`, default `127.0.0.1`; `quarkus.http.port`, default `8080`; ...) are documented by Quarkus.",
            MAX_OBJECT_SIZE, UPLOAD_BUFFER_SIZE, UPLOAD_BUFFER_BUDGET, RETRY_AFTER_SECONDS, HEADER_TIMEOUT, MAX_CONNECTIONS_PER_CLIENT,
            TOKEN_SECRET, TOKEN_SECRET_SHA256, TOKEN_ACCESS, TOKEN_BUCKETS, ANONYMOUS_READ_BUCKETS,
            AUDIT_UNAUTHENTICATED_PER_SECOND, AUDIT_HEAD_INTERVAL, HEALTH_READY_REQUIRES, HEALTH_TIMEOUT, DEBUG);

    private GatewayKeys() {
    }
}
