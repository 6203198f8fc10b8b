package dev.passerelle.migrate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: one clear line on stderr, exit 2, nothing written. */
class BadInputIT {
    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() throws IOException {
        f = new Fixture(tmp).filesystem("src").filesystem("dst").write();
        f.bucket("src", "data");
        f.put("src", "data", "k", new byte[] {1, 2, 3});
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void assertRefused(String expectedInMessage, String... args) throws Exception {
        Set<Path> before = files();
        Path report = tmp.resolve("report.json");
        String[] withReport = Stream.concat(Stream.of(args), Stream.of("--report", report.toString())).toArray(String[]::new);
        Cli.Result r = Cli.run(tmp, withReport);
        assertEquals(2, r.exit(), r.toString());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "exactly one line: " + r);
        assertTrue(err.contains(expectedInMessage), r.toString());
        assertEquals(before, files(), "nothing written");
    }

    private Set<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("run-")).collect(Collectors.toSet());
        }
    }

    @Test
    void unknownBackend() throws Exception {
        assertRefused("unknown backend 'nosuch'", f.args("copy", "--from", "nosuch:data", "--to", "dst:copy"));
    }

    @Test
    void malformedLocation() throws Exception {
        assertRefused("malformed location", f.args("copy", "--from", "src-data", "--to", "dst:copy"));
        assertRefused("malformed location", f.args("verify", "--from", "src:Bad_Bucket", "--to", "dst:copy"));
    }

    @Test
    void unreadableConfig() throws Exception {
        assertRefused("cannot read", "copy", "--config", tmp.resolve("missing.properties").toString(), "--from", "src:data", "--to", "dst:copy");
    }

    @Test
    void badConfigValue() throws Exception {
        Files.writeString(tmp.resolve("bad.properties"), "passerelle.backends.src.type=filesystem\npasserelle.backends.src.layout=weird\n"
                + "passerelle.backends.src.root=" + tmp.resolve("fs-src") + "\npasserelle.state-dir=" + tmp.resolve("state") + "\n");
        assertRefused("passerelle.backends.src.layout", "plan", "--config", tmp.resolve("bad.properties").toString(), "--from", "src:data", "--to", "src:other");
    }

    @Test
    void aBackendThatCannotStartFailsOnlyTheCommandsThatUseIt() throws Exception {
        // an S3 backend whose endpoint is not a URL fails when its client is built
        f.set("passerelle.backends.broken.type", "s3").set("passerelle.backends.broken.endpoint", "not a url")
                .set("passerelle.backends.broken.access-key", "a").set("passerelle.backends.broken.secret-key", "b").writeConfigOnly();
        // a copy between two other backends never builds it
        Cli.Result ok = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:copy", "--quiet"));
        assertEquals(0, ok.exit(), ok.toString());
        // a command that uses it gets the one line naming its key, before anything is written
        assertRefused("passerelle.backends.broken", f.args("copy", "--from", "src:data", "--to", "broken:copy"));
    }

    @Test
    void missingSourceBucketBadShardAndBadOption() throws Exception {
        assertRefused("does not exist", f.args("copy", "--from", "src:nothere", "--to", "dst:copy"));
        assertRefused("shard", f.args("copy", "--from", "src:data", "--to", "dst:copy", "--shard", "2/2"));
        assertRefused("--parallel", f.args("copy", "--from", "src:data", "--to", "dst:copy", "--parallel", "0"));
        assertRefused("--verify", f.args("copy", "--from", "src:data", "--to", "dst:copy", "--verify", "sometimes"));
        assertRefused("--bwlimit", f.args("copy", "--from", "src:data", "--to", "dst:copy", "--bwlimit", "fast"));
        assertRefused("glob", f.args("copy", "--from", "src:data", "--to", "dst:copy", "--include", "[abc"));
    }
}
