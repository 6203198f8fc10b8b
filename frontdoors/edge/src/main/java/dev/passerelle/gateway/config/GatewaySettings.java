package dev.passerelle.gateway.config;

import dev.passerelle.api.spi.ConfigException;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The gateway's own settings (limits and back-pressure), validated once at start-up. */
@Singleton
public class GatewaySettings {
    private final long maxObjectSize;
    private final long uploadBufferBudget;
    private final int uploadBufferSize;
    private final int retryAfterSeconds;

    /**
     * @param maxObjectSize {@code passerelle.max-object-size}: the largest object accepted
     * @param uploadBufferBudget {@code passerelle.upload-buffer-budget}: bytes of upload buffers all uploads may hold together
     * @param uploadBufferSize {@code passerelle.upload-buffer-size}: the read buffer one upload reserves from the budget
     * @param retryAfterSeconds {@code passerelle.retry-after-seconds}: the Retry-After of 503 answers
     */
    public GatewaySettings(@ConfigProperty(name = "passerelle.max-object-size", defaultValue = BodyLimitConfigSourceFactory.DEFAULT_MAX_OBJECT_SIZE) String maxObjectSize,
                           @ConfigProperty(name = "passerelle.upload-buffer-budget", defaultValue = "64M") String uploadBufferBudget,
                           @ConfigProperty(name = "passerelle.upload-buffer-size", defaultValue = "256K") String uploadBufferSize,
                           @ConfigProperty(name = "passerelle.retry-after-seconds", defaultValue = "2") int retryAfterSeconds) {
        this.maxObjectSize = dev.passerelle.api.spi.BackendSettings.parseSize("passerelle.max-object-size", maxObjectSize);
        this.uploadBufferBudget = dev.passerelle.api.spi.BackendSettings.parseSize("passerelle.upload-buffer-budget", uploadBufferBudget);
        long buffer = dev.passerelle.api.spi.BackendSettings.parseSize("passerelle.upload-buffer-size", uploadBufferSize);
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
