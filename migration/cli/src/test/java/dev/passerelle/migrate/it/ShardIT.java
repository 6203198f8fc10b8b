package dev.passerelle.migrate.it;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shards cover every key exactly once, and merged shard reports give the unsharded manifest hash. */
class ShardIT {
    @TempDir
    Path tmp;
    Fixture f;

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void twoShardsCoverEveryKeyOnceAndMergeToTheUnshardedManifest() throws Exception {
        f = new Fixture(tmp).filesystem("src").filesystem("dst").write();
        f.bucket("src", "data");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            String k = (i % 3 == 0 ? "x/" : "") + "obj-" + i + (i % 7 == 0 ? "\uFF01" : "") + (i % 11 == 0 ? "\uD83D\uDE00" : "");
            keys.add(k);
            f.put("src", "data", k, Fixture.random(100 + i, i));
        }
        Path whole = tmp.resolve("whole.json");
        assertEquals(0, Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:whole", "--report", whole.toString(), "--quiet")).exit());

        Path s0 = tmp.resolve("s0.json");
        Path s1 = tmp.resolve("s1.json");
        Cli.Result r0 = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:sharded", "--shard", "0/2", "--report", s0.toString(), "--quiet"));
        Cli.Result r1 = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:sharded", "--shard", "1/2", "--report", s1.toString(), "--quiet"));
        assertEquals(0, r0.exit(), r0.toString());
        assertEquals(0, r1.exit(), r1.toString());
        Map<String, ObjectResult> o0 = Fixture.objects(s0);
        Map<String, ObjectResult> o1 = Fixture.objects(s1);
        assertTrue(!o0.isEmpty() && !o1.isEmpty(), "both shards got work");
        Set<String> union = new HashSet<>(o0.keySet());
        union.addAll(o1.keySet());
        assertEquals(keys, union, "every key in some shard");
        assertEquals(keys.size(), o0.size() + o1.size(), "no key in both shards");
        assertTrue(o0.values().stream().allMatch(o -> o.status() == Status.COPIED));

        Path merged = tmp.resolve("merged.json");
        Cli.Result m = Cli.run(tmp, "report", "merge", s1.toString(), s0.toString(), "--output", merged.toString());
        assertEquals(0, m.exit(), m.toString());
        Object wholeHash = Fixture.trailer(whole).get("manifestSha256");
        assertEquals(wholeHash, Fixture.trailer(merged).get("manifestSha256"));
        assertTrue(m.err().contains((String) wholeHash), m.toString());
        FilesystemMigrationIT.assertReportOrdered(merged);

        Path v0 = tmp.resolve("v0.json");
        Path v1 = tmp.resolve("v1.json");
        assertEquals(0, Cli.run(tmp, f.args("verify", "--from", "src:data", "--to", "dst:sharded", "--shard", "0/2", "--report", v0.toString(), "--quiet")).exit());
        assertEquals(0, Cli.run(tmp, f.args("verify", "--from", "src:data", "--to", "dst:sharded", "--shard", "1/2", "--report", v1.toString(), "--quiet")).exit());
        Cli.Result vm = Cli.run(tmp, "report", "merge", v0.toString(), v1.toString(), "--json");
        assertEquals(0, vm.exit(), vm.toString());
        assertTrue(vm.out().contains("\"manifestSha256\":\"" + wholeHash + "\""), vm.toString());

        Cli.Result overlap = Cli.run(tmp, "report", "merge", s0.toString(), s0.toString());
        assertEquals(2, overlap.exit(), overlap.toString());
    }
}
