package dev.passerelle.migrate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every location names its backend, so a configuration of two backends without
 * {@code passerelle.default-backend} is complete for the CLI (the gateway still needs one).
 */
class NoDefaultBackendIT {
    @TempDir
    Path tmp;
    Fixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void twoBackendsAndNoDefaultCopyAndVerify() throws Exception {
        f = new Fixture(tmp).filesystem("src").filesystem("dst").write();
        f.bucket("src", "data");
        byte[] body = Fixture.random(10_000, 3);
        f.put("src", "data", "a/k.bin", body);
        f.unset("passerelle.default-backend").writeConfigOnly();
        assertFalse(Files.readString(f.config).contains("default-backend"));

        Cli.Result copy = Cli.run(tmp, f.args("copy", "--from", "src:data", "--to", "dst:data", "--quiet"));
        assertEquals(0, copy.exit(), copy.toString());
        Cli.Result verify = Cli.run(tmp, f.args("verify", "--from", "src:data", "--to", "dst:data"));
        assertEquals(0, verify.exit(), verify.toString());

        f.set("passerelle.default-backend", "src").write();
        assertArrayEquals(body, f.get("dst", "data", "a/k.bin"));
    }
}
