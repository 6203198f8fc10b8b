package dev.passerelle.gateway.http;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.decorators.MeteringBlobStore;
import dev.passerelle.core.decorators.StoreMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where the chain's metrics layer reports ({@link StoreMetrics}, handed to {@code Passerelle.create}),
 * in Micrometer: Prometheus metrics per backend and operation: {@code passerelle_requests_total} (with outcome),
 * {@code passerelle_request_duration_seconds} (the whole operation: for a download, until its body
 * has been written to the client or the transfer aborted), {@code passerelle_request_ttfb_seconds}
 * (downloads: until the object is open and the first byte can go out),
 * {@code passerelle_bytes_in_total}, {@code passerelle_bytes_out_total}, and the upload buffer
 * budget in use. Calls that span every backend (bucket listing, {@code /backends}) carry
 * {@code backend="all"}.
 */
@Singleton
public class GatewayMetrics implements StoreMetrics {
    /** The backend tag of calls that span every backend. */
    public static final String ALL_BACKENDS = "all";

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
     * Runs one call that spans every backend ({@link #ALL_BACKENDS}: bucket listing, {@code /backends}),
     * counting it with its outcome and timing it. Calls of one bucket's store are measured by the
     * chain's metrics layer instead, which reports here through {@link StoreMetrics}.
     *
     * @param backend the backend's name
     * @param operation e.g. {@code list_buckets}
     * @param work the operation
     * @return the operation's result
     */
    public <T> T record(String backend, String operation, Supplier<T> work) {
        long start = System.nanoTime();
        T result;
        try {
            result = work.get();
        } catch (StorageException e) {
            finished(backend, operation, e.code(), System.nanoTime() - start);
            throw e;
        } catch (RuntimeException e) {
            finished(backend, operation, ErrorKind.INTERNAL.code(), System.nanoTime() - start);
            throw e;
        }
        finished(backend, operation, MeteringBlobStore.OK, System.nanoTime() - start);
        return result;
    }

    @Override
    public void finished(String backend, String operation, String outcome, long nanos) {
        Timer.builder("passerelle.request.duration").description("time of storage operations; downloads until the body is fully written or aborted")
                .tags("backend", backend, "operation", operation).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("passerelle.requests").description("storage operations by outcome")
                .tags("backend", backend, "operation", operation, "outcome", outcome).register(registry).increment();
    }

    @Override
    public void opened(String backend, String operation, long nanos) {
        Timer.builder("passerelle.request.ttfb").description("time until a read's object is open and its first byte can go out")
                .tags("backend", backend, "operation", operation).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void bytesIn(String backend, String operation, long bytes) {
        Counter.builder("passerelle.bytes.in").description("bytes received from clients")
                .tags("backend", backend, "operation", operation).register(registry).increment(bytes);
    }

    @Override
    public void bytesOut(String backend, String operation, long bytes) {
        Counter.builder("passerelle.bytes.out").description("bytes sent to clients")
                .tags("backend", backend, "operation", operation).register(registry).increment(bytes);
    }
}
