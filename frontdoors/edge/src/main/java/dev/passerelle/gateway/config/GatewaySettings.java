package dev.passerelle.gateway.config;

import dev.passerelle.api.spi.ConfigException;
import jakarta.inject.Singleton;
import dev.passerelle.api.config.ConfigValues;

/** The gateway's own settings (limits and back-pressure), validated once at start-up. */
@Singleton
public class GatewaySettings {
    private final long maxObjectSize;
    private final long uploadBufferBudget;
    private final int uploadBufferSize;
    private final int retryAfterSeconds;

    /**
     * @param config {@link GatewayKeys#MAX_OBJECT_SIZE}, {@link GatewayKeys#UPLOAD_BUFFER_BUDGET},
     *               {@link GatewayKeys#UPLOAD_BUFFER_SIZE}, {@link GatewayKeys#RETRY_AFTER_SECONDS}
     */
    public GatewaySettings(ConfigValues config) {
        this.maxObjectSize = config.get(GatewayKeys.MAX_OBJECT_SIZE);
        this.uploadBufferBudget = config.get(GatewayKeys.UPLOAD_BUFFER_BUDGET);
        long buffer = config.get(GatewayKeys.UPLOAD_BUFFER_SIZE);
        int retryAfterSeconds = config.get(GatewayKeys.RETRY_AFTER_SECONDS);
        if (buffer < 4096 || buffer > (64 << 20)) {
            throw new ConfigException("passerelle.upload-buffer-size", "must be between 4K and 64M");
        }
        if (this.uploadBufferBudget < buffer) {
            throw new ConfigException("passerelle.upload-buffer-budget", "must hold at least one upload buffer (" + buffer + " bytes)");
        }
        if (retryAfterSeconds < 1) {
            throw new ConfigException("passerelle.retry-after-seconds", "must be at least 1");
        }
        this.uploadBufferSize = (int) buffer;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return the largest object accepted, in bytes */
    public long maxObjectSize() {
        return maxObjectSize;
    }

    /** @return the bytes of upload buffers all uploads may hold together */
    public long uploadBufferBudget() {
        return uploadBufferBudget;
    }

    /** @return the bytes one upload reserves for its read buffer */
    public int uploadBufferSize() {
        return uploadBufferSize;
    }

    /** @return the Retry-After value, in seconds, of 503 answers */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
