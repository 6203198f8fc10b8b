package dev.passerelle.gateway.ops;

import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.BackendInfo;
import dev.passerelle.core.Passerelle;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.gateway.config.GatewayKeys;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The gateway's readiness: ONE check, {@code backends}, that asks every backend at once (each on a
 * worker, each bounded by {@code passerelle.health.timeout}) and reports each one's state, and whose
 * status follows {@code passerelle.health.ready-requires}: {@code any} (default: ready while at least
 * one backend answers), {@code all}, or a comma list of backends that must all answer.
 */
@Singleton
public class BackendReadiness {
    /** The policy's key. */
    public static final String POLICY_KEY = GatewayKeys.HEALTH_READY_REQUIRES.name();
    /** The per-backend check's time bound. */
    public static final String TIMEOUT_KEY = GatewayKeys.HEALTH_TIMEOUT.name();

    private final List<BackendInfo> backends;
    private final String policy;
    /** the backends that must answer; null for {@code any} */
    private final SortedSet<String> required;
    private final Duration timeout;

    /**
     * @param passerelle the backends
     * @param policy {@code any}, {@code all} or a comma list of configured backends
     * @param timeout how long one backend's check may take before it counts as down
     * @throws ConfigException naming {@value #POLICY_KEY} or {@value #TIMEOUT_KEY}
     */
    @Inject
    public BackendReadiness(Passerelle passerelle, ConfigValues config) {
        this(passerelle, config.get(GatewayKeys.HEALTH_READY_REQUIRES), config.get(GatewayKeys.HEALTH_TIMEOUT));
    }

    /**
     * @param passerelle the backends
     * @param policy {@code any}, {@code all} or a comma list of configured backends
     * @param timeout how long one backend's check may take before it counts as down
     * @throws ConfigException naming {@value #POLICY_KEY} or {@value #TIMEOUT_KEY}
     */
    public BackendReadiness(Passerelle passerelle, String policy, Duration timeout) {
        this.backends = passerelle.backends();
        SortedSet<String> names = passerelle.backendNames();
        String p = policy.trim().toLowerCase(Locale.ROOT);
        if (p.equals("any")) {
            this.required = null;
            this.policy = "any";
        } else if (p.equals("all")) {
            this.required = names;
            this.policy = "all";
        } else {
            SortedSet<String> listed = Arrays.stream(policy.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (listed.isEmpty() || !names.containsAll(listed)) {
                throw new ConfigException(POLICY_KEY, "expected any, all or a comma list of configured backends ("
                        + String.join(", ", names) + "), got '" + policy + "'");
            }
            this.required = listed;
            this.policy = String.join(",", listed);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigException(TIMEOUT_KEY, "must be a positive duration, got " + timeout);
        }
        this.timeout = timeout;
    }

    /** @return the policy as applied: {@code any}, {@code all} or the sorted list */
    public String policy() {
        return policy;
    }

    /** @return the readiness check (register it once) */
    public AsyncHealthCheck check() {
        return () -> {
            List<Uni<BackendService.Health>> checks = backends.stream().map(this::checkOne).toList();
            return Uni.combine().all().unis(checks).with(results -> respond(results.stream().map(BackendService.Health.class::cast).toList()));
        };
    }

    private Uni<BackendService.Health> checkOne(BackendInfo backend) {
        // a backend check is a blocking network call: on a worker, never on the event loop
        return Uni.createFrom().item(() -> BackendService.check(backend)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout).recoverWithItem(() -> new BackendService.Health("down", "backend_timeout",
                        "no answer to the health check within " + timeout.toMillis() + " ms"));
    }

    private HealthCheckResponse respond(List<BackendService.Health> results) {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("backends").withData("ready-requires", policy);
        int up = 0;
        boolean requiredUp = true;
        for (int i = 0; i < backends.size(); i++) {
            String name = backends.get(i).name();
            BackendService.Health h = results.get(i);
            boolean isUp = "up".equals(h.status());
            up += isUp ? 1 : 0;
            if (!isUp && required != null && required.contains(name)) {
                requiredUp = false;
            }
            r.withData(name, isUp ? "up" : "down: " + h.code());
        }
        return r.status(required == null ? up > 0 : requiredUp).build();
    }
}
