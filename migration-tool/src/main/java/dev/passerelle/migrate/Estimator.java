package dev.passerelle.migrate;

import dev.passerelle.api.ByteRange;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates how long a copy will take from a short measured sample: reads (and discards) the first
 * few objects that would be copied, at most {@link #SAMPLE_BYTES} of each, timing the time to first
 * byte and the read rate. Only the source is read; the destination's write speed is not measured,
 * because a plan changes nothing.
 */
public final class Estimator {
    /** The most objects sampled. */
    public static final int SAMPLE_OBJECTS = 3;
    /** The most bytes read of one sampled object. */
    public static final long SAMPLE_BYTES = 16L << 20;

    /**
     * The estimate.
     *
     * @param sampledObjects how many objects were read
     * @param sampledBytes how many bytes were read
     * @param bytesPerSecond the measured read rate of one stream (0 when nothing was read)
     * @param millisPerObject the measured time to first byte
     * @param duration the estimated duration of the copy at the run's parallelism
     */
    public record Estimate(int sampledObjects, long sampledBytes, double bytesPerSecond, double millisPerObject, Duration duration) {
    }

    private final Endpoint source;
    private final List<Entry> candidates = new ArrayList<>();

    /** @param source the side that is read */
    public Estimator(Endpoint source) {
        this.source = source;
    }

    /** Offers an object that would be copied; the first few are kept as the sample. */
    public synchronized void offer(Entry e) {
        if (candidates.size() < SAMPLE_OBJECTS) {
            candidates.add(e);
        }
    }

    /**
     * Reads the sample and estimates.
     *
     * @param objects the number of objects to copy
     * @param bytes the bytes to copy
     * @param parallel the run's parallelism
     * @return the estimate (zero duration when nothing is to be copied)
     */
    public Estimate estimate(long objects, long bytes, int parallel) {
        long totalBytes = 0;
        long firstByteNanos = 0;
        long readNanos = 0;
        int n = 0;
        for (Entry e : candidates) {
            long t0 = System.nanoTime();
            GetOptions get = e.size() > SAMPLE_BYTES ? GetOptions.defaults().withRange(ByteRange.of(0, SAMPLE_BYTES - 1)) : GetOptions.defaults();
            try (ObjectContent c = source.store().get(source.container(), source.fullKey(e.key()), get)) {
                byte[] buf = new byte[64 * 1024];
                int first = c.stream().read(buf);
                long t1 = System.nanoTime();
                long read = Math.max(0, first);
                int r;
                while (first >= 0 && (r = c.stream().read(buf)) >= 0) {
                    read += r;
                }
                firstByteNanos += t1 - t0;
                readNanos += System.nanoTime() - t1;
                totalBytes += read;
                n++;
            } catch (java.io.IOException | RuntimeException ex) {
                // a sample that cannot be read does not stop the plan; the copy would report it
            }
        }
        double rate = readNanos > 0 ? totalBytes / (readNanos / 1e9) : 0;
        double perObject = n > 0 ? firstByteNanos / 1e6 / n : 0;
        double seconds = 0;
        if (objects > 0) {
            double transfer = rate > 0 ? bytes / rate : 0;
            seconds = (objects * perObject / 1000.0 + transfer) / Math.max(1, Math.min(parallel, objects));
        }
        return new Estimate(n, totalBytes, rate, perObject, Duration.ofMillis((long) (seconds * 1000)));
    }
}
