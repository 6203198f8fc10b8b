package dev.passerelle.migrate.it;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGKILL mid-copy, rerun: nothing finished is copied again, nothing partial is visible, verify exits 0. */
class ResumeIT {
    @TempDir
    Path tmp;
    Fixture f;

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void killedCopyResumesWithoutRecopying() throws Exception {
        f = new Fixture(tmp).filesystem("src").filesystem("dst").write();
        f.bucket("src", "data");
        int count = 300;
        for (int i = 0; i < count; i++) {
            f.put("src", "data", String.format("batch-%03d/object %d", i % 7, i), Fixture.random(64 * 1024, i));
        }
        Path journal = tmp.resolve("copy.journal");
        // about 2 MiB/s: the 18.75 MiB take ~10 s, long enough to kill the run in the middle
        Process p = Cli.start(tmp, "killed", f.args("copy", "--from", "src:data", "--to", "dst:copy", "--journal", journal.toString(),
                "--bwlimit", "2M", "--parallel", "4"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (journalLines(journal) < 40 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the copy must still be running when killed: " + Files.readString(tmp.resolve("killed.err")));
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        long journaled = journalLines(journal);
        assertTrue(journaled >= 40 && journaled < count, "killed mid-run: " + journaled + " objects journaled");

        // what is visible at the destination is whole: every object there verifies, the rest is missing
        Path after = tmp.resolve("after-kill.json");
        Cli.Result v = Cli.run(tmp, f.args("verify", "--from", "src:data", "--to", "dst:copy", "--deep", "--report", after.toString(), "--quiet"));
        assertEquals(1, v.exit(), v.toString());
        Map<String, ObjectResult> state = Fixture.objects(after);
        assertTrue(state.values().stream().allMatch(o -> o.status() == Status.IDENTICAL || o.status() == Status.MISSING), "no partial object: " + v);
        Set<String> finished = state.values().stream().filter(o -> o.status() == Status.IDENTICAL).map(ObjectResult::key).collect(Collectors.toSet());
        assertTrue(finished.size() >= journaled, "every journaled object is at the destination");

        Path rerun = tmp.resolve("rerun.json");
        Cli.Result r = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:copy", "--journal", journal.toString(),
                "--report", rerun.toString(), "--quiet"));
        assertEquals(0, r.exit(), r.toString());
        Map<String, ObjectResult> second = Fixture.objects(rerun);
        assertEquals(count, second.size());
        for (String k : finished) {
            assertEquals(Status.IDENTICAL, second.get(k).status(), "finished before the kill, must not be copied again: " + k);
        }
        assertEquals(count - finished.size(), second.values().stream().filter(o -> o.status() == Status.COPIED).count());

        Cli.Result verify = Cli.run(tmp, f.args("verify", "--from", "src:data", "--to", "dst:copy", "--deep"));
        assertEquals(0, verify.exit(), verify.toString());
    }

    private static long journalLines(Path journal) throws java.io.IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        return Files.readAllLines(journal, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
    }
}
