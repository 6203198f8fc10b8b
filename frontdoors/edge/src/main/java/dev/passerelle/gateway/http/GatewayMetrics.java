package dev.passerelle.gateway.http;

import dev.passerelle.api.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Prometheus metrics per backend and operation: {@code passerelle_requests_total} (with outcome),
 * {@code passerelle_request_duration_seconds} (the whole operation: for a download, until its body
 * has been written to the client or the transfer aborted), {@code passerelle_request_ttfb_seconds}
 * (downloads: until the object is open and the first byte can go out),
 * {@code passerelle_bytes_in_total}, {@code passerelle_bytes_out_total}, and the upload buffer
 * budget in use. Calls that span every backend (bucket listing, {@code /backends}) carry
 * {@code backend="all"}.
 */
@Singleton
public class GatewayMetrics {
    /** The backend tag of calls that span every backend. */
    public static final String ALL_BACKENDS = "all";
    /** The outcome of a download cut short after its first byte. */
    public static final String ABORTED = "aborted";

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
        Transfer t = transfer(backend, operation);
        T result = t.run(work);
        t.finished("ok");
        return result;
    }

    /**
     * Starts timing a download, whose body is streamed after the operation returns: {@link Transfer#open}
     * times the opening (TTFB), {@link Transfer#finished} ends the duration and counts the outcome.
     *
     * @return the running measurement
     */
    public Transfer transfer(String backend, String operation) {
        return new Transfer(backend, operation, System.nanoTime());
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

    /** One operation being measured; its duration and outcome are recorded exactly once. */
    public final class Transfer {
        private final String backend;
        private final String operation;
        private final long start;
        private final AtomicBoolean done = new AtomicBoolean();

        private Transfer(String backend, String operation, long start) {
            this.backend = backend;
            this.operation = operation;
            this.start = start;
        }

        /** @return the backend's name */
        public String backend() {
            return backend;
        }

        /** @return the operation's name */
        public String operation() {
            return operation;
        }

        /**
         * Runs the opening part of the operation and records its time as TTFB; a failure ends the
         * measurement with the failure's code as the outcome.
         */
        public <T> T open(Supplier<T> work) {
            T result = run(work);
            Timer.builder("passerelle.request.ttfb").description("time until a read's object is open and its first byte can go out")
                    .tags("backend", backend, "operation", operation).register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        }

        /** Runs part of the operation; a failure ends the measurement with the failure's code as the outcome. */
        private <T> T run(Supplier<T> work) {
            try {
                return work.get();
            } catch (StorageException e) {
                finished(e.code());
                throw e;
            } catch (RuntimeException e) {
                finished("internal_error");
                throw e;
            }
        }

        /**
         * Ends the measurement (only the first call counts).
         *
         * @param outcome {@code ok}, {@link #ABORTED}, or an error code
         */
        public void finished(String outcome) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            Timer.builder("passerelle.request.duration").description("time of storage operations; downloads until the body is fully written or aborted")
                    .tags("backend", backend, "operation", operation).register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            Counter.builder("passerelle.requests").description("storage operations by outcome")
                    .tags("backend", backend, "operation", operation, "outcome", outcome).register(registry).increment();
        }
    }
}
