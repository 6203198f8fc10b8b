package dev.passerelle.migrate;

import dev.passerelle.api.ByteRange;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.StorageException;
import dev.passerelle.migrate.report.Summary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Estimates how long a copy will take from a measured sample, without writing anything: a random
 * sample of the objects that would be copied is read from the source and hashed (SHA-256 and MD5,
 * like a copy), at most {@link #perObjectCap} of each, on {@code --parallel} threads, and for each
 * the destination answers one HEAD. From the sample come a cost per object (the source's time to
 * first byte, plus the copy's two destination requests, its put and its read-back, each counted at
 * least at the HEAD's and at the source request's cost), a rate per stream, and the concurrency
 * actually reached (the summed per-object times over the wall time: on a small machine hashing
 * saturates the cores long before {@code --parallel} streams). What a plan cannot measure without
 * writing at the destination, its write cost, is assumed equal to a read's, and for a destination on
 * a local disk at least a small durable write timed in the tool's scratch directory; a copy with
 * {@code --verify readback} (the default) reads, writes and reads back each byte: three passes.
 * {@link Estimate#basis()} says all of this in one line.
 */
public final class Estimator {
    /** The objects sampled (when there are that many to copy); the first quarter only warms up. */
    public static final int SAMPLE_OBJECTS = 64;
    /** The most bytes read for the whole sample. */
    public static final long SAMPLE_BUDGET = 128L << 20;
    /** The most bytes read of one sampled object: the budget shared by the sample, between 2 and 16 MiB. */
    static long perObjectCap(int sampled) {
        return Math.max(2L << 20, Math.min(16L << 20, SAMPLE_BUDGET / Math.max(1, sampled)));
    }
    /** Destination requests per copied object: the put and the read-back (or the HEAD of --verify metadata). */
    static final int DESTINATION_REQUESTS = 2;
    /**
     * Byte passes per copied object with --verify readback, one after the other on the object's
     * stream: read at the source, written at the destination, read back.
     */
    static final int BYTE_PASSES = 3;

    /**
     * The estimate.
     *
     * @param sampledObjects how many objects were read
     * @param sampledBytes how many bytes were read
     * @param bytesPerSecond the measured rate of one stream (0 when nothing was read)
     * @param millisPerObject the measured cost of one object apart from its bytes: time to first byte
     *                        plus {@value #DESTINATION_REQUESTS} destination round trips
     * @param concurrency the concurrency the sample reached (at most the run's parallelism)
     * @param duration the estimated duration of the copy
     * @param basis one line saying what the estimate rests on
     */
    public record Estimate(int sampledObjects, long sampledBytes, double bytesPerSecond, double millisPerObject, double concurrency,
                           Duration duration, String basis) {
    }

    /**
     * One sampled object's measurements (nanoseconds).
     *
     * @param bytes bytes read
     * @param firstByteNanos the source's time to first byte
     * @param transferNanos the rest of the read, hashed
     * @param destinationNanos the destination's HEAD
     * @param durableWriteNanos for a destination on a local disk, a small durable write in the scratch
     *                          directory (write, fsync, rename, fsync of the directory), else 0
     */
    record Sample(long bytes, long firstByteNanos, long transferNanos, long destinationNanos, long durableWriteNanos) {
    }

    private final Endpoint source;
    private final Endpoint destination;
    private final Path scratch;
    private final long throttleRate;
    private final List<Entry> candidates = new ArrayList<>();
    private final Random random = new Random(42);
    private long offered;

    /**
     * @param source the side that is read
     * @param destination the side that answers HEADs
     * @param throttleRate the {@code --bwlimit} in bytes per second, or 0
     * @param scratch the run's scratch directory (under the state directory, never the destination's): for a
     *                destination on a local disk, where a small durable write is timed (and removed)
     */
    public Estimator(Endpoint source, Endpoint destination, long throttleRate, Path scratch) {
        this.source = source;
        this.destination = destination;
        this.scratch = destination.store().capabilities().localReads() ? scratch : null;
        this.throttleRate = throttleRate;
    }

    /** Offers an object that would be copied; a uniform random sample of them is kept (reservoir sampling). */
    public synchronized void offer(Entry e) {
        offered++;
        if (candidates.size() < SAMPLE_OBJECTS) {
            candidates.add(e);
        } else {
            long i = (long) (random.nextDouble() * offered);
            if (i < SAMPLE_OBJECTS) {
                candidates.set((int) i, e);
            }
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
    public Estimate estimate(long objects, long bytes, int parallel) throws InterruptedException {
        List<Entry> sample;
        synchronized (this) {
            sample = List.copyOf(candidates);
        }
        if (objects == 0 || sample.isEmpty()) {
            return new Estimate(0, 0, 0, 0, 0, Duration.ZERO, "nothing to copy");
        }
        // the first objects pay the one-off costs (class loading, first connections, JIT) that a long copy
        // pays once: they warm up and are not measured
        long cap = perObjectCap(sample.size());
        int warm = sample.size() >= 8 ? sample.size() / 4 : sample.size() > 1 ? 1 : 0;
        for (Entry e : sample.subList(0, warm)) {
            try {
                measure(e, cap);
            } catch (IOException | RuntimeException ignored) {
                // a sample that cannot be read does not stop the plan
            }
        }
        sample = sample.subList(warm, sample.size());
        int threads = Math.max(1, Math.min(parallel, sample.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "estimate");
            t.setDaemon(true);
            return t;
        });
        List<Sample> measured = new ArrayList<>();
        long wall;
        try {
            long t0 = System.nanoTime();
            List<Future<Sample>> futures = new ArrayList<>();
            for (Entry e : sample) {
                futures.add(pool.submit(() -> measure(e, cap)));
            }
            for (Future<Sample> f : futures) {
                try {
                    Sample s = f.get();
                    if (s != null) {
                        measured.add(s);
                    }
                } catch (java.util.concurrent.ExecutionException ex) {
                    // a sample that cannot be read does not stop the plan; the copy would report it
                }
            }
            wall = System.nanoTime() - t0;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        return model(measured, wall, objects, bytes, parallel, throttleRate);
    }

    /**
     * The model, apart from the measuring: cost per object and per-stream rate from the samples, the
     * concurrency reached from their summed time over the wall time, then
     * {@code (objects * perObject + passes * bytes / rate) / concurrency}, and never less than
     * {@code bytes / throttleRate}.
     */
    static Estimate model(List<Sample> measured, long wallNanos, long objects, long bytes, int parallel, long throttleRate) {
        if (measured.isEmpty()) {
            return new Estimate(0, 0, 0, 0, 0, Duration.ZERO, "no sampled object could be read");
        }
        int n = measured.size();
        long sampledBytes = 0;
        long transfer = 0;
        double busy = 0;
        double[] fixed = new double[n];
        boolean durable = false;
        for (int i = 0; i < n; i++) {
            Sample s = measured.get(i);
            sampledBytes += s.bytes();
            transfer += s.transferNanos();
            busy += (s.firstByteNanos() + s.transferNanos() + s.destinationNanos() + s.durableWriteNanos()) / 1e9;
            // the source's request, then the destination's put and read-back: each costs at least its HEAD and
            // at least a request at the source; the put at least a durable write on a local disk
            long request = Math.max(s.firstByteNanos(), s.destinationNanos());
            fixed[i] = (s.firstByteNanos() + request + Math.max(request, s.durableWriteNanos())) / 1e9;
            durable |= s.durableWriteNanos() > 0;
        }
        // a median and sums, not a fit: a few dozen small reads on a busy machine are noisy
        double rate = transfer > 0 && sampledBytes > 0 ? sampledBytes / (transfer / 1e9) : 0;
        double perObjectSeconds = median(fixed);
        double concurrency = wallNanos > 0 ? Math.max(1, Math.min(Math.min(parallel, n), busy / (wallNanos / 1e9))) : 1;
        double work = objects * perObjectSeconds + (rate > 0 ? BYTE_PASSES * bytes / rate : 0);
        double seconds = work / concurrency;
        if (throttleRate > 0) {
            seconds = Math.max(seconds, (double) bytes / throttleRate);
        }
        Duration d = Duration.ofMillis((long) Math.ceil(seconds * 1000));
        String basis = String.format(Locale.ROOT,
                "%d sampled objects (%s) read and hashed at the source with a HEAD each at the destination, %d at a time: "
                        + "%.1f ms per object (the source's first byte and %d destination requests, each costing at least as much%s, median)%s, "
                        + "%.1f streams in effect; assumes --verify readback (each byte read, written and read back: %d passes) "
                        + "and a destination that writes as fast as the source reads%s",
                n, Summary.bytes(sampledBytes), Math.min(parallel, n), perObjectSeconds * 1000, DESTINATION_REQUESTS,
                durable ? ", the put at least a durable write on the local disk" : "",
                rate > 0 ? " + " + Summary.bytes((long) rate) + "/s per stream" : "",
                concurrency, BYTE_PASSES, throttleRate > 0 ? ", at most --bwlimit " + Summary.bytes(throttleRate) + "/s" : "");
        return new Estimate(n, sampledBytes, rate, perObjectSeconds * 1000, concurrency, d, basis);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
    }

    private Sample measure(Entry e, long cap) throws IOException {
        long t0 = System.nanoTime();
        GetOptions get = e.size() > cap ? GetOptions.defaults().withRange(ByteRange.of(0, cap - 1)) : GetOptions.defaults();
        long firstByte;
        long transfer;
        long read;
        try (ObjectContent c = source.store().get(source.container(), source.fullKey(e.key()), get)) {
            InputStream in = c.stream();
            int first = in.read();
            long t1 = System.nanoTime();
            firstByte = t1 - t0;
            if (first < 0) {
                read = 0;
            } else {
                // the rest through the copy's own hashing (SHA-256 and MD5), so its CPU cost is in the sample
                Hashing.Both both = Hashing.hashBoth(in);
                read = 1 + both.length();
            }
            transfer = System.nanoTime() - t1;
        } catch (StorageException ex) {
            return null;
        }
        long t2 = System.nanoTime();
        try {
            destination.store().head(destination.container(), destination.fullKey(e.key()), GetOptions.defaults());
        } catch (StorageException ex) {
            // missing (the usual case) or not readable: the round trip is what is measured
        }
        long head = System.nanoTime() - t2;
        return new Sample(read, firstByte, transfer, head, scratch == null ? 0 : durableWrite());
    }

    /**
     * Times what a local disk's put costs apart from its bytes, as the filesystem backend commits: a
     * small file written and fsynced, renamed, its directory fsynced; then removed. In the scratch
     * directory, which is the tool's own (the destination is never written by a plan).
     *
     * @return nanoseconds, or 0 when it could not be done
     */
    private long durableWrite() {
        long t0 = System.nanoTime();
        Path f = scratch.resolve("estimate-" + java.util.UUID.randomUUID() + ".tmp");
        Path done = scratch.resolve(f.getFileName() + ".done");
        try {
            Files.createDirectories(scratch);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[4096]));
                ch.force(true);
            }
            Files.move(f, done, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(scratch, StandardOpenOption.READ)) {
                dir.force(true);
            }
            return System.nanoTime() - t0;
        } catch (IOException | RuntimeException e) {
            return 0;
        } finally {
            try {
                Files.deleteIfExists(f);
                Files.deleteIfExists(done);
            } catch (IOException ignored) {
                // a leftover in the scratch directory is harmless
            }
        }
    }
}
