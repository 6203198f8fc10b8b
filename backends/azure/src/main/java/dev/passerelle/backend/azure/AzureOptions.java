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
 * @param readBlockSize bytes fetched per request when reads go in blocks ({@code read-block-size}, default 4 MiB)
 * @param streamReads whether a read (whole or ranged) is streamed as ONE GET ({@code read-mode=stream}) rather
 *                    than one request per {@code read-block-size} ({@code read-mode=blocks}); {@code auto} (the
 *                    default) streams when the HTTP client honours back-pressure (the built-in JDK client does)
 * @param readBuffer the most bytes a streamed read holds unread ({@code read-buffer}, default 2 MiB)
 * @param timeout the timeout of one call to Azure ({@code timeout}, default 60 s)
 * @param readResumes how many times a read cut in the middle of its body resumes with a ranged request pinned
 *                    to its ETag ({@code read-resumes}, default 2); not a retry of a call: core's call layer
 *                    ({@code retry-max-attempts}) does those, and every request here is sent once
 * @param copyTimeout how long a server-side copy may take ({@code copy-timeout}, default 10 min)
 */
record AzureOptions(long blockSize, int uploadConcurrency, int readBlockSize, boolean streamReads, int readBuffer, Duration timeout,
                    int readResumes, Duration copyTimeout) {
    private static final long MIN_BLOCK = 64 * 1024;

    /**
     * @param s the backend's settings
     * @param clientHonoursBackPressure whether the HTTP client stops reading a body nobody asks for
     *                                  (decides {@code read-mode=auto})
     * @return the options, defaults filled in
     * @throws ConfigException naming the key of a value out of range
     */
    static AzureOptions from(BackendSettings s, boolean clientHonoursBackPressure) {
        long blockSize = s.get(AzureKeys.BLOCK_SIZE);
        if (blockSize < MIN_BLOCK || blockSize > BlockSizing.MAX_BLOCK_SIZE) {
            throw new ConfigException(s.fullKey("block-size"), "must be between 64KiB and 4000MiB");
        }
        int concurrency = s.get(AzureKeys.UPLOAD_CONCURRENCY);
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException(s.fullKey("upload-concurrency"), "must be between 1 and 64");
        }
        long readBlock = s.get(AzureKeys.READ_BLOCK_SIZE);
        if (readBlock < MIN_BLOCK || readBlock > 256L * 1024 * 1024) {
            throw new ConfigException(s.fullKey("read-block-size"), "must be between 64KiB and 256MiB");
        }
        String mode = s.get(AzureKeys.READ_MODE);
        boolean stream = mode.equals("auto") ? clientHonoursBackPressure : mode.equals("stream");
        long readBuffer = s.get(AzureKeys.READ_BUFFER);
        if (readBuffer < MIN_BLOCK || readBuffer > 64L * 1024 * 1024) {
            throw new ConfigException(s.fullKey("read-buffer"), "must be between 64KiB and 64MiB");
        }
        Duration timeout = s.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException(s.fullKey("timeout"), "must be positive");
        }
        if (s.find(AzureKeys.MAX_TRIES).isPresent()) {
            // it set the SDK's attempts per request, which multiplied core's: there is one retry layer now
            throw new ConfigException(s.fullKey("max-tries"), "is no longer a setting: the attempts of a call are retry-max-attempts"
                    + " (core's one retry layer), the resumes of a read cut mid-body are read-resumes (max-tries - 1); see docs/retries.md");
        }
        int readResumes = s.get(AzureKeys.READ_RESUMES);
        if (readResumes < 0 || readResumes > 10) {
            throw new ConfigException(s.fullKey("read-resumes"), "must be between 0 and 10");
        }
        Duration copyTimeout = s.get(AzureKeys.COPY_TIMEOUT);
        return new AzureOptions(blockSize, concurrency, (int) readBlock, stream, (int) readBuffer, timeout, readResumes, copyTimeout);
    }
}
