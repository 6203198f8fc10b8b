package dev.passerelle.migrate.it;

import dev.passerelle.api.CallContext;
import dev.passerelle.testservers.AzuriteServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** probe BACKEND against real backends: every check passes, the scratch container is gone afterwards. */
class ProbeIT {
    @TempDir
    Path tmp;

    @Test
    void probesFilesystemAndAzuriteAndCleansUp() throws Exception {
        try (AzuriteServer azurite = AzuriteServer.inMemory()) {
            azurite.start();
            try (Fixture f = new Fixture(tmp).filesystem("local")
                    .set("passerelle.backends.az.type", "azure")
                    .set("passerelle.backends.az.connection-string", azurite.connectionString()).write()) {
                for (String backend : new String[] {"local", "az"}) {
                    Cli.Result r = Cli.run(tmp, f.args("probe", backend, "--large-size", "12MiB"));
                    assertEquals(0, r.exit(), r.toString());
                    assertTrue(r.err().contains("ok    ranged reads") && r.err().contains("ok    conditional reads")
                            && r.err().contains("MiB/s") && r.err().contains("ok    cleanup"), r.toString());
                    assertTrue(f.store(backend).listContainers(CallContext.system()).stream().noneMatch(c -> c.name().startsWith("passerelle-probe-")),
                            "scratch container removed");
                }
                Cli.Result json = Cli.run(tmp, f.args("probe", "local", "--json", "--large-size", "2MiB"));
                assertEquals(0, json.exit(), json.toString());
                assertTrue(json.out().startsWith("{\"backend\":\"local\",\"ok\":true"), json.toString());
                Cli.Result unknown = Cli.run(tmp, f.args("probe", "nosuch"));
                assertEquals(2, unknown.exit(), unknown.toString());
            }
        }
    }
}
