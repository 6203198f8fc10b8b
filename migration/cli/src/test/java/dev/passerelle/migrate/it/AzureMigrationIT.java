package dev.passerelle.migrate.it;

import dev.passerelle.api.ListOrder;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import dev.passerelle.testservers.AzuriteServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * filesystem (UTF-8 binary order) <-> Azure on Azurite (UTF-16 order) through the real CLI, and an
 * Azurite that is killed in the middle of a copy. Azurite keeps its data on disk so a restart keeps it.
 */
class AzureMigrationIT {
    @TempDir
    Path tmp;
    AzuriteServer azurite;
    Fixture f;

    @BeforeEach
    void setUp() throws Exception {
        azurite = AzuriteServer.onDisk(tmp.resolve("azurite"));
        azurite.start();
        f = new Fixture(tmp).filesystem("local")
                .set("passerelle.backends.az.type", "azure")
                .set("passerelle.backends.az.connection-string", azurite.connectionString())
                .set("passerelle.backends.az.timeout", "10s")
                .write();
        assertEquals(ListOrder.UTF16, f.store("az").capabilities().listOrder(), "the two sides list in different orders");
        assertEquals(ListOrder.UTF8_BINARY, f.store("local").capabilities().listOrder());
    }

    @AfterEach
    void tearDown() {
        f.close();
        azurite.stop();
    }

    @Test
    void differentListOrdersPlanCopyAndVerifyBothWays() throws Exception {
        f.bucket("local", "data");
        List<String> keys = List.of("a\uFF01", "a\uD83D\uDE00", "a\uFF01/x", "a\uD83D\uDE00/x", "b c/d é.txt", "z\uFF01\uD83D\uDE00", "empty");
        int i = 0;
        for (String k : keys) {
            f.put("local", "data", k, k.equals("empty") ? new byte[0] : Fixture.random(2000 + i * 100, i), "text/x-" + i, Map.of("note", "€ " + i));
            i++;
        }
        // some objects already at the destination: identical ones must be recognised across orders
        f.bucket("az", "mirror");
        f.put("az", "mirror", "a\uFF01", f.get("local", "data", "a\uFF01"), "text/x-0", Map.of("note", "€ 0"));
        f.put("az", "mirror", "only-in-azure", new byte[] {7});

        // -Dpasserelle.migrate.sort-chunk=2 makes the re-sort of Azure's listing spill runs to disk
        Path plan = tmp.resolve("plan.json");
        Cli.Result p = Cli.run(tmp, f.args("-Dpasserelle.migrate.sort-chunk=2", "plan", "--from", "local:data", "--to", "az:mirror", "--report", plan.toString()));
        assertEquals(1, p.exit(), p.toString());
        Map<String, ObjectResult> planned = Fixture.objects(plan);
        assertEquals(Status.IDENTICAL, planned.get("a\uFF01").status(), planned.toString());
        assertEquals(Status.EXTRA, planned.get("only-in-azure").status());
        assertEquals(keys.size() - 1, planned.values().stream().filter(o -> o.status() == Status.MISSING).count(), planned.toString());

        Path copyReport = tmp.resolve("copy.json");
        Cli.Result c = Cli.run(tmp, f.args("-Dpasserelle.migrate.sort-chunk=2", "copy", "--from", "local:data", "--to", "az:mirror", "--report", copyReport.toString()));
        assertEquals(0, c.exit(), c.toString());
        Map<String, ObjectResult> copied = Fixture.objects(copyReport);
        assertEquals(Status.IDENTICAL, copied.get("a\uFF01").status());
        for (String k : keys) {
            assertArrayEquals(f.get("local", "data", k), f.get("az", "mirror", k), k);
            ObjectInfo s = f.head("local", "data", k);
            ObjectInfo d = f.head("az", "mirror", k);
            assertEquals(s.contentType(), d.contentType(), k);
            assertEquals(s.userMetadata(), d.userMetadata(), k);
        }
        FilesystemMigrationIT.assertReportOrdered(copyReport);

        Cli.Result v = Cli.run(tmp, f.args("-Dpasserelle.migrate.sort-chunk=2", "verify", "--from", "local:data", "--to", "az:mirror", "--deep"));
        assertEquals(1, v.exit(), "the extra object is a difference for verify: " + v);
        assertTrue(v.err().contains("only-in-azure"), v.toString());
        f.store("az").delete("mirror", "only-in-azure", dev.passerelle.api.CallContext.system());
        Path verifyReport = tmp.resolve("verify.json");
        Cli.Result v2 = Cli.run(tmp, f.args("verify", "--from", "local:data", "--to", "az:mirror", "--deep", "--report", verifyReport.toString()));
        assertEquals(0, v2.exit(), v2.toString());
        assertEquals(Fixture.trailer(copyReport).get("manifestSha256"), Fixture.trailer(verifyReport).get("manifestSha256"));

        // and back: Azure (UTF-16) as the source
        Cli.Result back = Cli.run(tmp, f.args("copy", "--from", "az:mirror", "--to", "local:back", "--quiet"));
        assertEquals(0, back.exit(), back.toString());
        Cli.Result vb = Cli.run(tmp, f.args("verify", "--from", "az:mirror", "--to", "local:back", "--deep", "--quiet"));
        assertEquals(0, vb.exit(), vb.toString());
        assertEquals(f.keys("local", "data"), f.keys("local", "back"));
    }

    @Test
    void aBackendThatStopsMidRunFailsClearlyThenTheRerunCompletes() throws Exception {
        f.bucket("local", "data");
        int count = 120;
        for (int i = 0; i < count; i++) {
            f.put("local", "data", "obj-" + i, Fixture.random(128 * 1024, i));
        }
        Path journal = tmp.resolve("j.log");
        Path report = tmp.resolve("broken.json");
        Process p = Cli.start(tmp, "broken", f.args("copy", "--from", "local:data", "--to", "az:target", "--journal", journal.toString(),
                "--report", report.toString(), "--bwlimit", "2M", "--parallel", "2", "--retries", "2", "--retry-delay", "100ms"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (journalLines(journal) < 10 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "still copying when the server dies");
        azurite.kill();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the CLI gives up after its retries");
        String err = Files.readString(tmp.resolve("broken.err"), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        Map<String, ObjectResult> objects = Fixture.objects(report);
        List<ObjectResult> failed = objects.values().stream().filter(o -> o.status() == Status.FAILED).toList();
        assertTrue(!failed.isEmpty(), err);
        // each failure is bounded once (docs/retries.md): either the call layer spent retry-max-attempts (3) on
        // a call and returned it persistent, so the copier does not restart it (1 attempt), or the put failed
        // after its stream was read (no call layer can replay it) and the copier restarted it --retries times
        assertTrue(failed.stream().allMatch(o -> o.error() != null
                && (o.attempts() == 3 || o.attempts() == 1 && o.error().endsWith("(after 3 attempts)"))), failed.toString());
        assertTrue(err.contains("failed"), err);
        assertEquals(count, objects.size(), "every object is in the report, none silently skipped");

        azurite.start();
        Cli.Result rerun = Cli.run(tmp, f.args("copy", "--from", "local:data", "--to", "az:target", "--journal", journal.toString(), "--quiet"));
        assertEquals(0, rerun.exit(), rerun.toString());
        Cli.Result verify = Cli.run(tmp, f.args("verify", "--from", "local:data", "--to", "az:target", "--deep", "--quiet"));
        assertEquals(0, verify.exit(), verify.toString());
    }

    private static long journalLines(Path journal) throws java.io.IOException {
        return Files.exists(journal) ? Files.readAllLines(journal).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).count() : 0;
    }
}
