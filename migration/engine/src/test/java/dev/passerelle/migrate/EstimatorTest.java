package dev.passerelle.migrate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimate's model on made-up measurements (the measuring itself is exercised by PlanIT). */
class EstimatorTest {
    private static final long MS = 1_000_000L;

    /** n samples of this size: first byte 4 ms, transfer at 100 MiB/s, a 1 ms HEAD at the destination. */
    private static List<Estimator.Sample> samples(int n, long size) {
        List<Estimator.Sample> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(new Estimator.Sample(size, 4 * MS, (long) (size / (100.0 * (1 << 20)) * 1e9), MS, 0));
        }
        return s;
    }

    @Test
    void manySmallObjectsCostTheirPerObjectTimeNotJustTheirBytes() {
        List<Estimator.Sample> s = samples(16, 1000);
        // 16 samples of ~5 ms each, run with perfect overlap of 8: wall = 2 x 5 ms
        long busy = s.stream().mapToLong(x -> x.firstByteNanos() + x.transferNanos() + x.destinationNanos()).sum();
        Estimator.Estimate e = Estimator.model(s, busy / 8, 100_000, 100_000_000L, 8, 0);
        assertEquals(12.0, e.millisPerObject(), 1e-6, "first byte + 2 destination requests costing at least as much");
        assertEquals(8.0, e.concurrency(), 1e-6);
        // 100,000 objects x 12 ms / 8 = 150 s, plus the bytes three times at 100 MiB/s / 8
        double bytes = 3 * 100_000_000.0 / (100.0 * (1 << 20)) / 8;
        assertEquals(150 + bytes, e.duration().toMillis() / 1000.0, 0.01);
        assertTrue(e.basis().contains("16 sampled objects") && e.basis().contains("12.0 ms per object"), e.basis());
    }

    @Test
    void aLocalDisksDurableWriteCountsForThePut() {
        List<Estimator.Sample> s = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            s.add(new Estimator.Sample(1000, 4 * MS, 0, MS, 10 * MS));
        }
        Estimator.Estimate e = Estimator.model(s, 1, 1000, 1_000_000, 1, 0);
        assertEquals(18.0, e.millisPerObject(), 1e-6, "first byte 4 + read-back 4 + put 10");
        assertTrue(e.basis().contains("durable write"), e.basis());
    }

    @Test
    void theConcurrencyIsWhatTheSampleReachedNotTheParallelOption() {
        List<Estimator.Sample> s = samples(16, 1 << 20);
        long busy = s.stream().mapToLong(x -> x.firstByteNanos() + x.transferNanos() + x.destinationNanos()).sum();
        // a 2-core machine: 8 threads, but the work only overlapped twice
        Estimator.Estimate two = Estimator.model(s, busy / 2, 1000, 1000L << 20, 8, 0);
        Estimator.Estimate eight = Estimator.model(s, busy / 8, 1000, 1000L << 20, 8, 0);
        assertEquals(2.0, two.concurrency(), 1e-6);
        assertEquals(4.0, two.duration().toMillis() / (double) eight.duration().toMillis(), 0.01);
    }

    @Test
    void neverFasterThanTheBandwidthLimit() {
        List<Estimator.Sample> s = samples(16, 1 << 20);
        Estimator.Estimate e = Estimator.model(s, 1, 10, 100L << 20, 8, 1 << 20);
        assertTrue(e.duration().compareTo(Duration.ofSeconds(100)) >= 0, e.toString());
        assertTrue(e.basis().contains("--bwlimit 1.0 MiB/s"), e.basis());
    }

    @Test
    void nothingMeasuredIsSaid() {
        Estimator.Estimate e = Estimator.model(List.of(), 0, 10, 10, 8, 0);
        assertEquals(Duration.ZERO, e.duration());
        assertEquals("no sampled object could be read", e.basis());
    }
}
