package dev.passerelle.gateway.ops;

import dev.passerelle.api.StorageException;
import dev.passerelle.core.BackendInfo;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.http.GatewayMetrics;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The configured backends and their health. */
@Singleton
public class BackendService {
    private final Passerelle passerelle;
    private final GatewayMetrics metrics;

    /** @param passerelle the registry; @param metrics where the calls are counted */
    public BackendService(Passerelle passerelle, GatewayMetrics metrics) {
        this.passerelle = passerelle;
        this.metrics = metrics;
    }

    /**
     * A backend's health.
     *
     * @param status {@code up} or {@code down}
     * @param code the error code when down, else null
     * @param detail the error detail when down, else null
     */
    public record Health(String status, String code, String detail) {
    }

    /**
     * A backend as listed.
     *
     * @param name its configured name
     * @param type its type ({@code filesystem}, {@code azure}, {@code s3}...)
     * @param jurisdiction who can compel the host, as configured
     * @param certifications its configured certifications
     * @param isDefault whether unrouted buckets live there
     * @param health its health right now
     */
    public record BackendView(String name, String type, String jurisdiction, Set<String> certifications, boolean isDefault, Health health) {
    }

    /** @return every backend with a fresh health check, sorted by name */
    public List<BackendView> list() {
        return metrics.record(GatewayMetrics.ALL_BACKENDS, "list_backends", () -> passerelle.backends().stream()
                .map(b -> new BackendView(b.name(), b.type(), b.jurisdiction(), new TreeSet<>(b.certifications()),
                        passerelle.defaultBackend().filter(b.name()::equals).isPresent(), check(b)))
                .toList());
    }

    /** @return the backend's health, from {@link dev.passerelle.api.BlobStore#checkHealth()} */
    public static Health check(BackendInfo backend) {
        try {
            backend.store().checkHealth();
            return new Health("up", null, null);
        } catch (StorageException e) {
            return new Health("down", e.code(), e.detail());
        } catch (RuntimeException e) {
            return new Health("down", "internal_error", "health check failed unexpectedly");
        }
    }
}
