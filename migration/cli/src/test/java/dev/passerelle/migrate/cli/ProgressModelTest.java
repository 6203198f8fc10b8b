package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Progress.Phase;
import dev.passerelle.migrate.Status;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressModelTest {
    private static final long MIB = 1 << 20;

    private static ObjectResult result(String key, long size, Status status) {
        return new ObjectResult(key, size, null, null, status, 1, null);
    }

    private static ProgressModel.PhaseView view(ProgressModel m, Phase p) {
        return m.snapshot(System.nanoTime()).phases().stream().filter(v -> v.phase() == p).findFirst().orElseThrow();
    }

    @Test
    void copyAndVerifyAreSeparateCountersOverTheListedTotal() {
        ProgressModel m = new ProgressModel(ProgressModel.phasesOf("copy", true, false), System.nanoTime());
        for (int i = 0; i < 3; i++) {
            m.discovered(100 * MIB);
        }
        m.listingDone();
        assertEquals(300 * MIB, view(m, Phase.COPY).total(), "the copy's total is the listed bytes, known before any byte moves");
        assertEquals(300 * MIB, view(m, Phase.VERIFY).total(), "the read-back's total too");

        // object 1: copied, then read back
        m.moved(Phase.COPY, 100 * MIB);
        assertEquals(100 * MIB, view(m, Phase.COPY).value());
        assertEquals(0, view(m, Phase.VERIFY).value(), "copied bytes are not verified bytes");
        m.moved(Phase.VERIFY, 100 * MIB);
        assertEquals(100 * MIB, view(m, Phase.COPY).value(), "read-back bytes do not count against the copy (the 98% -> 100% jump)");
        m.finished(result("a", 100 * MIB, Status.COPIED), 100 * MIB, 100 * MIB);
        assertEquals(100 * MIB, view(m, Phase.COPY).value());
        assertEquals(100 * MIB, view(m, Phase.VERIFY).value());

        // object 2: found identical, nothing moved: it is done in both counters
        m.finished(result("b", 100 * MIB, Status.IDENTICAL), 0, 0);
        assertEquals(200 * MIB, view(m, Phase.COPY).value());

        // object 3: a failed attempt undone, a second one, read back twice (a comparison by reading both sides)
        m.moved(Phase.COPY, 60 * MIB);
        m.moved(Phase.COPY, -60 * MIB);
        m.moved(Phase.COPY, 100 * MIB);
        m.moved(Phase.VERIFY, 200 * MIB);
        assertEquals(300 * MIB, view(m, Phase.VERIFY).value(), "never above the total");
        m.finished(result("c", 100 * MIB, Status.COPIED), 100 * MIB, 200 * MIB);
        ProgressModel.Snapshot s = m.snapshot(System.nanoTime());
        assertEquals(300 * MIB, s.phases().get(0).value());
        assertEquals(300 * MIB, s.phases().get(1).value());
        assertEquals(Phase.COPY, s.phases().get(0).phase(), "copy first");
        assertEquals(3, s.done());
        assertEquals(0, s.etaSeconds());
    }

    @Test
    void phasesFollowTheCommand() {
        assertEquals(Map.of(Phase.COPY, 1), ProgressModel.phasesOf("copy", false, false), "--verify metadata/none: no read-back phase");
        assertEquals(Map.of(Phase.VERIFY, 2), ProgressModel.phasesOf("verify", false, true), "--deep reads both sides");
        assertEquals(Map.of(), ProgressModel.phasesOf("verify", false, false));
        assertEquals(Map.of(), ProgressModel.phasesOf("plan", true, false));

        ProgressModel deep = new ProgressModel(ProgressModel.phasesOf("verify", false, true), System.nanoTime());
        deep.discovered(10);
        deep.discovered(0);
        deep.finished(result("x", 5, Status.EXTRA), 0, 0);
        assertEquals(20, view(deep, Phase.VERIFY).total());
        assertEquals(0, view(deep, Phase.VERIFY).value(), "an object only at the destination adds no listed byte");
    }

    @Test
    void theBarFillsTheInjectedWidth() {
        ProgressModel m = new ProgressModel(ProgressModel.phasesOf("copy", true, false), 0);
        m.discovered(1720 * MIB);
        m.moved(Phase.COPY, 860 * MIB);
        ProgressModel.Snapshot s = m.snapshot(10_000_000_000L);
        String narrow = ProgressLine.bar("copy", s, 100);
        String wide = ProgressLine.bar("copy", s, 200);
        assertTrue(narrow.length() <= 99 && narrow.length() >= 90 && narrow.contains("["), narrow.length() + ": " + narrow);
        assertTrue(wide.length() <= 199 && wide.length() >= 190, wide.length() + ": " + wide);
        int bar = wide.indexOf(']') - wide.indexOf('[') - 1;
        assertTrue(bar > 40, "a wide terminal gets wide bars: " + wide);
        assertTrue(wide.startsWith("copy [" + "=".repeat(bar / 2)), wide);
        assertTrue(wide.contains("50% 0.8/1.7+ GiB") && wide.contains("verify [") && wide.contains("0/1+ objects, 86.0 MiB/s"), wide);
        String tiny = ProgressLine.bar("copy", s, 40);
        assertTrue(tiny.length() <= 39 && !tiny.contains("["), "no room: no bars, and no wrap: " + tiny);
        assertEquals("copy: copy 50% 0.8/1.7+ GiB, verify 0% 0.0/1.7+ GiB, 0/1+ objects, 86.0 MiB/s", ProgressLine.plain("copy", s));
    }
}
