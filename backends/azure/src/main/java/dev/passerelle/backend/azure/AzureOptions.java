package dev.passerelle.backend.azure;

import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;

import java.time.Duration;

/**
 * The tuning settings of an Azure backend (everything but authentication).
 *
 * @param blockSize the smallest block of an upload ({@code block-size}, default 8 MiB); larger for
 *                  objects that would otherwise need more than 50,000 blocks
 * @param uploadConcurrency blocks of one upload in flight at once ({@code upload-concurrency}, default 4);
 *                          memory per upload is about this times the block size
 * @param readBlockSize bytes fetched per request while reading an object ({@code read-block-size}, default 4 MiB)
 * @param timeout the timeout of one call to Azure ({@code timeout}, default 60 s)
 * @param maxTries attempts per HTTP request, including the first ({@code max-tries}, default 3)
 * @param copyTimeout how long a server-side copy may take ({@code copy-timeout}, default 10 min)
 */
record AzureOptions(long blockSize, int uploadConcurrency, int readBlockSize, Duration timeout, int maxTries, Duration copyTimeout) {
    private static final long MIN_BLOCK = 64 * 1024;

    /**
     * @param s the backend's settings
     * @return the options, defaults filled in
     * @throws ConfigException naming the key of a value out of range
     */
    static AzureOptions from(BackendSettings s) {
        long blockSize = s.getSize("block-size", BlockSizing.DEFAULT_BLOCK_SIZE);
        if (blockSize < MIN_BLOCK || blockSize > BlockSizing.MAX_BLOCK_SIZE) {
            throw new ConfigException(s.fullKey("block-size"), "must be between 64KiB and 4000MiB");
        }
        int concurrency = s.getInt("upload-concurrency", 4);
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException(s.fullKey("upload-concurrency"), "must be between 1 and 64");
        }
        long readBlock = s.getSize("read-block-size", 4L * 1024 * 1024);
        if (readBlock < MIN_BLOCK || readBlock > 256L * 1024 * 1024) {
            throw new ConfigException(s.fullKey("read-block-size"), "must be between 64KiB and 256MiB");
        }
        Duration timeout = s.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException(s.fullKey("timeout"), "must be positive");
        }
        int maxTries = s.getInt("max-tries", 3);
        if (maxTries < 1 || maxTries > 10) {
            throw new ConfigException(s.fullKey("max-tries"), "must be between 1 and 10");
        }
        Duration copyTimeout = s.getDuration("copy-timeout", Duration.ofMinutes(10));
        return new AzureOptions(blockSize, concurrency, (int) readBlock, timeout, maxTries, copyTimeout);
    }
}
