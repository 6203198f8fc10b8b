package dev.passerelle.gateway.ops;

import dev.passerelle.api.StorageException;
import dev.passerelle.gateway.objects.UploadBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prometheus metrics per backend and operation: {@code passerelle_requests_total} (with outcome),
 * {@code passerelle_request_duration_seconds}, {@code passerelle_bytes_in_total},
 * {@code passerelle_bytes_out_total}, and the upload buffer budget in use.
 */
@Singleton
public class GatewayMetrics {
    private final MeterRegistry registry;

    /** @param registry Micrometer's registry; @param budget the upload budget to expose */
    public GatewayMetrics(MeterRegistry registry, UploadBudget budget) {
        this.registry = registry;
        Gauge.builder("passerelle.upload.buffer.budget.used", budget, UploadBudget::inUse).baseUnit("bytes")
                .description("bytes of the upload buffer budget currently leased").register(registry);
        Gauge.builder("passerelle.upload.buffer.budget.total", budget, UploadBudget::total).baseUnit("bytes")
                .description("the whole upload buffer budget").register(registry);
    }

    /**
     * Runs one storage operation, counting it with its outcome and timing it.
     *
     * @param backend the backend's name
     * @param operation e.g. {@code put_object}
     * @param work the operation
     * @return the operation's result
     */
    public <T> T record(String backend, String operation, Supplier<T> work) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return work.get();
        } catch (StorageException e) {
            outcome = e.code();
            throw e;
        } catch (RuntimeException e) {
            outcome = "internal_error";
            throw e;
        } finally {
            Timer.builder("passerelle.request.duration").description("time of storage operations, until the first byte for reads")
                    .tags("backend", backend, "operation", operation).register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            Counter.builder("passerelle.requests").description("storage operations by outcome")
                    .tags("backend", backend, "operation", operation, "outcome", outcome).register(registry).increment();
        }
    }

    /** Counts bytes received from clients for a backend and operation. */
    public void bytesIn(String backend, String operation, long bytes) {
        Counter.builder("passerelle.bytes.in").description("bytes received from clients")
                .tags("backend", backend, "operation", operation).register(registry).increment(bytes);
    }

    /** Counts bytes sent to clients for a backend and operation. */
    public void bytesOut(String backend, String operation, long bytes) {
        Counter.builder("passerelle.bytes.out").description("bytes sent to clients")
                .tags("backend", backend, "operation", operation).register(registry).increment(bytes);
    }
}
