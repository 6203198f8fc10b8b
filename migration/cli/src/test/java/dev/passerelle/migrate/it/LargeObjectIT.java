package dev.passerelle.migrate.it;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 300 MiB object and a 0-byte one through the CLI running with -Xmx128m: streaming, bounded memory. */
class LargeObjectIT {
    static final long SIZE = 300L << 20;

    @TempDir
    Path tmp;
    Fixture f;

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void copiesAndVerifies300MiBWithA128MiBHeap() throws Exception {
        assertEquals("-Xmx128m", System.getProperty("migrate.heap", "-Xmx128m"));
        f = new Fixture(tmp).filesystem("src").filesystem("dst").write();
        f.bucket("src", "big");
        f.putStream("src", "big", "large/300MiB.bin", new Generated(SIZE, 42), SIZE);
        f.put("src", "big", "large/empty", new byte[0]);

        Path report = tmp.resolve("large.json");
        long t0 = System.nanoTime();
        Cli.Result copy = Cli.run(tmp, f.args("copy", "--from", "src:big", "--to", "dst:big", "--report", report.toString()));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, copy.exit(), copy.toString());
        Map<String, ObjectResult> objects = Fixture.objects(report);
        ObjectResult big = objects.get("large/300MiB.bin");
        assertEquals(Status.COPIED, big.status());
        assertEquals(SIZE, big.size());
        assertEquals(big.sha256Source(), big.sha256Destination());
        assertEquals(f.head("src", "big", "large/300MiB.bin").passerelleSha256().orElseThrow(), big.sha256Destination());
        assertEquals(Status.COPIED, objects.get("large/empty").status());
        assertEquals(0L, f.head("dst", "big", "large/empty").size());
        System.out.printf("300 MiB copy + readback through the CLI at -Xmx128m: %.1f s%n", secs);

        Cli.Result verify = Cli.run(tmp, f.args("verify", "--from", "src:big", "--to", "dst:big", "--deep"));
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.err().contains("identical"), verify.toString());
    }
}
