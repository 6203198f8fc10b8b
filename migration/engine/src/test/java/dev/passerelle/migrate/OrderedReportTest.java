package dev.passerelle.migrate;

import dev.passerelle.migrate.report.Manifest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedReportTest {

    private static ObjectResult r(String key, Status s) {
        return new ObjectResult(key, key.length(), "ab".repeat(32), "ab".repeat(32), s, 1, null);
    }

    @Test
    void resultsFinishingInAnyOrderAreReleasedInSequenceWithinTheWindow() throws Exception {
        List<String> out = new ArrayList<>();
        OrderedSink sink = new OrderedSink(8, x -> out.add(x.key()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 500; i++) {
            long seq = sink.reserve();
            String key = String.format("k%04d", i);
            pool.execute(() -> {
                try {
                    Thread.sleep((seq * 7) % 3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.complete(seq, r(key, Status.COPIED));
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(sink.drained());
        assertEquals(500, out.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(String.format("k%04d", i), out.get(i));
        }
    }

    @Test
    void manifestIsTheHashOfTheCanonicalLinesOfMatchingObjectsOnly() throws Exception {
        Manifest m = new Manifest();
        m.add(r("a", Status.COPIED));
        m.add(r("b", Status.MISSING));
        m.add(r("c d", Status.IDENTICAL));
        m.add(new ObjectResult("e", 3, null, null, Status.SIZE_ONLY, 0, null));
        String lines = "ab".repeat(32) + " 1 a\n" + "ab".repeat(32) + " 3 c d\n" + "- 3 e\n";
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(lines.getBytes(StandardCharsets.UTF_8));
        assertEquals(dev.passerelle.api.io.Hex.encode(expected), m.sha256());
        assertEquals(3, m.objects());
        Manifest bad = new Manifest();
        bad.add(r("a\uD83D\uDE00", Status.COPIED));
        assertThrows(IllegalStateException.class, () -> bad.add(r("a\uFF01", Status.COPIED)), "U+FF01 sorts before U+1F600 in UTF-8 order");
    }

    @Test
    void exitCodes() {
        Totals ok = new Totals();
        ok.add(r("a", Status.COPIED));
        ok.add(r("b", Status.EXTRA));
        assertEquals(0, ExitCodes.of(RunOptions.Mode.COPY, new Migration.Outcome(ok, null, null)), "extras do not fail a copy");
        assertEquals(1, ExitCodes.of(RunOptions.Mode.VERIFY, new Migration.Outcome(ok, null, null)), "but they fail a verify");
        assertEquals(1, ExitCodes.of(RunOptions.Mode.COPY, new Migration.Outcome(ok, "listing failed", null)));
        Totals failed = new Totals();
        failed.add(r("a", Status.FAILED));
        assertEquals(1, ExitCodes.of(RunOptions.Mode.COPY, new Migration.Outcome(failed, null, null)));
        assertEquals(2, ExitCodes.of(new UsageException("x")));
        assertEquals(2, ExitCodes.of(new dev.passerelle.api.spi.ConfigException("passerelle.x", "bad")));
        assertEquals(2, ExitCodes.of(new dev.passerelle.api.StorageException(dev.passerelle.api.ErrorKind.UNAVAILABLE, "down")));
        assertEquals(3, ExitCodes.of(new dev.passerelle.api.StorageException(dev.passerelle.api.ErrorKind.INTERNAL, "bug")));
        assertEquals(3, ExitCodes.of(new NullPointerException()));
    }
}
