package dev.passerelle.gateway.http;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.gateway.config.GatewaySettings;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The global budget of upload buffers ({@code passerelle.upload-buffer-budget}). Each upload leases
 * one buffer for its duration; when the budget is spent a new upload is refused with 503 and
 * Retry-After before its body is read, instead of exhausting memory.
 */
@Singleton
public class UploadBudget {
    private final long total;
    private final int bufferSize;
    private final AtomicLong available;

    /** @param settings the configured budget and buffer size */
    public UploadBudget(GatewaySettings settings) {
        this.total = settings.uploadBufferBudget();
        this.bufferSize = settings.uploadBufferSize();
        this.available = new AtomicLong(total);
    }

    /**
     * @return a lease of one upload buffer; close it when the upload ends
     * @throws StorageException UNAVAILABLE (503, retryable) with code {@code upload_budget_exhausted}
     */
    public Lease acquire() {
        long now;
        do {
            now = available.get();
            if (now < bufferSize) {
                throw new StorageException(ErrorKind.UNAVAILABLE, "upload_budget_exhausted",
                        "too many uploads in progress; retry later", true, null);
            }
        } while (!available.compareAndSet(now, now - bufferSize));
        return new Lease();
    }

    /** @return bytes of the budget currently leased */
    public long inUse() {
        return total - available.get();
    }

    /** @return the whole budget, in bytes */
    public long total() {
        return total;
    }

    /** One upload's buffer lease. */
    public final class Lease implements AutoCloseable {
        private boolean released;

        private Lease() {
        }

        /** @return the size of the leased buffer */
        public int bufferSize() {
            return bufferSize;
        }

        /** Returns the buffer to the budget (once). */
        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                available.addAndGet(bufferSize);
            }
        }
    }
}
