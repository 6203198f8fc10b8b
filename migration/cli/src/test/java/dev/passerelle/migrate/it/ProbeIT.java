package dev.passerelle.migrate.it;

import dev.passerelle.api.CallContext;
import dev.passerelle.testservers.AzuriteServer;
import dev.passerelle.testservers.S3ProxyServer;
import dev.passerelle.testservers.S3rverServer;
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

    /**
     * The cut-upload check: an S3 backend that streams its uploads relies on the host refusing a body
     * cut before its last byte. S3Proxy does (preset minio streams by default); s3rver stores what
     * arrived, and probe says so when streaming is forced on for it.
     */
    @Test
    void probeShowsWhetherAHostRefusesCutUploads() throws Exception {
        try (S3ProxyServer proxy = new S3ProxyServer(tmp.resolve("s3proxy")); S3rverServer rver = new S3rverServer(tmp.resolve("s3rver"))) {
            proxy.start();
            rver.start();
            try (Fixture f = new Fixture(tmp).filesystem("local")
                    .s3proxy("proxy", proxy)
                    .set("passerelle.backends.proxy.part-size", "5MiB")
                    .set("passerelle.backends.rver.type", "s3")
                    .set("passerelle.backends.rver.preset", "generic")
                    .set("passerelle.backends.rver.part-size", "5MiB")
                    .set("passerelle.backends.rver.single-put-max", "64MiB")
                    .set("passerelle.backends.rver.endpoint", rver.endpoint())
                    .set("passerelle.backends.rver.access-key", S3rverServer.ACCESS_KEY)
                    .set("passerelle.backends.rver.secret-key", S3rverServer.SECRET_KEY)
                    .write()) {
                Cli.Result proxied = Cli.run(tmp, f.args("probe", "proxy", "--large-size", "7MiB"));
                assertTrue(proxied.err().contains("ok    cut-off or corrupt 7 MiB upload leaves the previous object"), proxied.toString());
                Cli.Result cut = Cli.run(tmp, f.args("probe", "rver", "--large-size", "7MiB"));
                assertEquals(1, cut.exit(), cut.toString());
                assertTrue(cut.err().contains("FAIL  cut-off or corrupt 7 MiB upload leaves the previous object")
                        && cut.err().contains("the host stores cut uploads"), cut.toString());
            }
        }
    }
}
