package dev.passerelle.core.decorators;

/**
 * Where the METRICS layer ({@link MeteringBlobStore}) reports: the application supplies it (the
 * gateway records into its Micrometer registry). Called on the caller's threads: implementations
 * must be thread-safe and must not block.
 */
public interface StoreMetrics {

    /** No metrics: the chain then leaves the METRICS layer out. */
    StoreMetrics NONE = new StoreMetrics() {
        @Override
        public void finished(String backend, String operation, String outcome, long nanos) {
        }

        @Override
        public void opened(String backend, String operation, long nanos) {
        }

        @Override
        public void bytesIn(String backend, String operation, long bytes) {
        }

        @Override
        public void bytesOut(String backend, String operation, long bytes) {
        }
    };

    /**
     * One call ended.
     *
     * @param backend the backend's name
     * @param operation e.g. {@code put_object} (see {@link MeteringBlobStore})
     * @param outcome {@code ok}, {@link MeteringBlobStore#ABORTED} (a download cut short after its first
     *                byte), or the failure's error code
     * @param nanos how long the call took; a download until its content was closed
     */
    void finished(String backend, String operation, String outcome, long nanos);

    /**
     * A download opened: its first byte can go out (time to first byte).
     *
     * @param nanos since the call started
     */
    void opened(String backend, String operation, long nanos);

    /** Bytes the chain read from the caller's upload stream. */
    void bytesIn(String backend, String operation, long bytes);

    /** Bytes the caller read from a download's stream. */
    void bytesOut(String backend, String operation, long bytes);
}
