package dev.passerelle.migrate.it;

import dev.passerelle.migrate.Status;
import dev.passerelle.migrate.report.ReportReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * plan and dry-run through the real CLI: they classify each object as the copy does (journal, stored
 * SHA-256), write nothing (not even what a filesystem backend creates when it opens), and estimate
 * from a measured sample; verify says which proof it used.
 */
class PlanIT {
    @TempDir
    Path tmp;

    /**
     * A plain-layout source (ordinary files: no stored SHA-256, as in the field) and a managed
     * destination whose root does not exist yet.
     */
    private Fixture fixture(int objects, int size) throws IOException {
        Path src = tmp.resolve("plain-src");
        Files.createDirectories(src.resolve("data"));
        for (int i = 0; i < objects; i++) {
            Files.write(src.resolve("data").resolve(String.format("o%05d.bin", i)), Fixture.random(size + i % 7, i));
        }
        Fixture f = new Fixture(tmp)
                .set("passerelle.backends.src.type", "filesystem").set("passerelle.backends.src.layout", "plain")
                .set("passerelle.backends.src.root", src.toString())
                .set("passerelle.backends.dst.type", "filesystem").set("passerelle.backends.dst.root", tmp.resolve("fresh-dst").toString())
                .set("passerelle.default-backend", "src");
        f.writeConfigOnly();
        return f;
    }

    @Test
    void planAfterCopyFindsEveryObjectIdenticalAndPlanWritesNothing() throws Exception {
        Fixture f = fixture(40, 3000);
        Path dst = tmp.resolve("fresh-dst");
        Map<String, Long> srcTree = tree(tmp.resolve("plain-src"));

        Cli.Result before = Cli.run(tmp, f.args("plan", "--from", "src:data", "--to", "dst:data"));
        assertEquals(1, before.exit(), before.toString());
        assertFalse(Files.exists(dst), "plan must not create the destination's root: " + before);
        Cli.Result dry = Cli.run(tmp, f.args("copy", "--dry-run", "--from", "src:data", "--to", "dst:data"));
        assertEquals(1, dry.exit(), dry.toString());
        assertFalse(Files.exists(dst), "a dry-run must not create the destination's root: " + dry);
        assertEquals(srcTree, tree(tmp.resolve("plain-src")), "plan and dry-run leave the source alone");

        Cli.Result copy = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:data", "--quiet"));
        assertEquals(0, copy.exit(), copy.toString());
        Map<String, Long> dstTree = tree(dst);

        Path planReport = tmp.resolve("plan.json");
        Cli.Result plan = Cli.run(tmp, f.args("plan", "--from", "src:data", "--to", "dst:data", "--report", planReport.toString()));
        assertEquals(0, plan.exit(), "the copy found nothing to do, so must the plan: " + plan);
        assertTrue(Fixture.objects(planReport).values().stream().allMatch(o -> o.status() == Status.IDENTICAL), plan.toString());
        assertTrue(plan.err().contains("result: OK (exit 0)"), plan.toString());
        Cli.Result dryAfter = Cli.run(tmp, f.args("copy", "--dry-run", "--from", "src:data", "--to", "dst:data"));
        assertEquals(0, dryAfter.exit(), dryAfter.toString());
        Cli.Result again = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:data"));
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.err().contains("identical") && !again.err().contains("copied "), again.toString());
        assertEquals(dstTree, tree(dst), "plan and dry-run changed the destination (and the copy that found all identical too)");
    }

    @Test
    void verifySaysWhichProofItUsed() throws Exception {
        Fixture f = fixture(5, 1000);
        assertEquals(0, Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:data", "--quiet")).exit());

        Path shallow = tmp.resolve("verify.json");
        Cli.Result metadata = Cli.run(tmp, f.args("verify", "--from", "src:data", "--to", "dst:data", "--report", shallow.toString()));
        assertEquals(0, metadata.exit(), metadata.toString());
        assertTrue(metadata.err().contains("proof: metadata") && metadata.err().contains("--deep"), metadata.toString());
        assertEquals("metadata", header(shallow).get("proof"));

        Path deep = tmp.resolve("deep.json");
        Cli.Result reread = Cli.run(tmp, f.args("verify", "--deep", "--from", "src:data", "--to", "dst:data", "--report", deep.toString()));
        assertEquals(0, reread.exit(), reread.toString());
        assertTrue(reread.err().contains("proof: re-read"), reread.toString());
        assertEquals("re-read", header(deep).get("proof"));

        Cli.Result json = Cli.run(tmp, f.args("verify", "--json", "--from", "src:data", "--to", "dst:data"));
        assertTrue(json.out().contains("\"proof\":\"metadata\""), json.toString());
        Cli.Result summary = Cli.run(tmp, "report", deep.toString());
        assertTrue(summary.err().contains("proof: re-read"), summary.toString());
    }

    @Test
    void estimateRestsOnAMeasuredSampleWithItsPerObjectCost() throws Exception {
        Fixture f = fixture(600, 2000);
        Path planReport = tmp.resolve("plan.json");
        Cli.Result plan = Cli.run(tmp, f.args("plan", "--from", "src:data", "--to", "dst:data", "--report", planReport.toString()));
        assertEquals(1, plan.exit(), plan.toString());
        Map<String, Object> estimate = estimate(planReport);
        String shown = (String) estimate.get("duration");
        assertTrue(shown.matches("\\d+(\\.\\d)? (s|min|h|d)( \\d+ (s|min|h))?"), "a human duration, not ISO-8601: " + shown);
        assertTrue(plan.err().contains("estimated copy duration: " + shown) && plan.err().contains("based on: "), plan.toString());
        assertTrue(((Number) estimate.get("sampledObjects")).intValue() >= 16, estimate.toString());
        double seconds = ((Number) estimate.get("seconds")).doubleValue();
        double perObject = ((Number) estimate.get("millisPerObject")).doubleValue() / 1000;
        double concurrency = ((Number) estimate.get("concurrency")).doubleValue();
        assertTrue(perObject > 0 && concurrency >= 1 && concurrency <= 8, estimate.toString());
        assertTrue(seconds >= 600 * perObject / concurrency * 0.99, "the per-object cost counts for every object: " + estimate);

        // against the copy it predicts: not absurdly low (the old estimate was about 10x below it); the factor
        // is wide because both runs share a busy machine, and a plan cannot measure the destination's writes
        Path copyReport = tmp.resolve("copy.json");
        Cli.Result copy = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:data", "--quiet", "--report", copyReport.toString()));
        assertEquals(0, copy.exit(), copy.toString());
        double took = elapsed(copyReport).toMillis() / 1000.0;
        assertTrue(seconds >= took / 5, "estimated " + seconds + " s for a copy that took " + took + " s: " + estimate);
    }

    @Test
    void estimateHonoursTheCopysBandwidthLimit() throws Exception {
        Fixture f = fixture(30, 100_000);
        Path planReport = tmp.resolve("plan.json");
        Cli.Result plan = Cli.run(tmp, f.args("plan", "--bwlimit", "1M", "--from", "src:data", "--to", "dst:data", "--report", planReport.toString()));
        assertEquals(1, plan.exit(), plan.toString());
        double seconds = ((Number) estimate(planReport).get("seconds")).doubleValue();
        assertTrue(seconds >= 30 * 100_000 / 1048576.0, "30 x 100 kB at 1 MiB/s take at least 2.9 s: " + seconds);
        assertTrue(plan.err().contains("--bwlimit 1.0 MiB/s"), plan.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> estimate(Path report) {
        return (Map<String, Object>) Fixture.trailer(report).get("estimate");
    }

    private static Map<String, Object> header(Path report) {
        try (ReportReader r = new ReportReader(report)) {
            return r.header();
        }
    }

    private static Duration elapsed(Path report) {
        try (ReportReader r = new ReportReader(report)) {
            Instant started = Instant.parse((String) r.header().get("started"));
            return Duration.between(started, Instant.parse((String) r.trailer().get("ended")));
        }
    }

    /** @return every path under a directory (relative) with its size, or -1 for a directory */
    static Map<String, Long> tree(Path root) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                m.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
            }
        }
        return m;
    }
}
