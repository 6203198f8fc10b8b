package dev.passerelle.migrate.it;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.io.Hex;
import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import dev.passerelle.testservers.AzuriteServer;
import dev.passerelle.testservers.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** filesystem -> S3 (S3Proxy), S3 -> Azure (Azurite) and Azure -> S3 through the real CLI, with awkward keys and metadata. */
class S3AzureMigrationIT {
    static final List<String> KEYS = List.of("a\uFF01", "a\uD83D\uDE00", "dir with space/é.txt", "x/y/z/\u65E5\u672C.bin", "zero", "semi;colon+plus");

    @TempDir
    Path tmp;

    @Test
    void everyPairOfRealBackends() throws Exception {
        try (AzuriteServer azurite = AzuriteServer.inMemory(); S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3proxy"))) {
            azurite.start();
            s3.start();
            try (Fixture f = new Fixture(tmp).filesystem("local")
                    .set("passerelle.backends.az.type", "azure")
                    .set("passerelle.backends.az.connection-string", azurite.connectionString())
                    .s3proxy("s3", s3)
                    .write()) {
                f.bucket("local", "data");
                int i = 0;
                for (String k : KEYS) {
                    f.put("local", "data", k, k.equals("zero") ? new byte[0] : Fixture.random(3000 + 700 * i, i), "image/x-" + i,
                            Map.of("patient-site", "Clermont-Ferrand ✓ " + i));
                    i++;
                }
                // S3Proxy over jclouds' filesystem provider lists in UTF-16 order although S3 (and the S3
                // backend's capabilities) say UTF-8 binary: the engine notices instead of mis-comparing,
                // probe reports it, and --sort-listings copes with it
                Cli.Result probe = Cli.run(tmp, f.args("probe", "s3", "--large-size", "6MiB"));
                assertEquals(1, probe.exit(), probe.toString());
                assertTrue(probe.err().contains("FAIL  listing order as declared"), probe.toString());

                hop(f, "local:data", "s3:hop1", "local", "data", "s3", "hop1");
                hop(f, "s3:hop1", "az:hop2", "local", "data", "az", "hop2");
                hop(f, "az:hop2", "s3:hop3", "local", "data", "s3", "hop3");
                Cli.Result quirk = Cli.run(tmp, f.args("verify", "--from", "local:data", "--to", "s3:hop1", "--quiet"));
                assertEquals(2, quirk.exit(), quirk.toString());
                assertTrue(quirk.err().contains("out of the UTF-8 binary order") && quirk.err().contains("--sort-listings"), quirk.toString());
            }
        }
    }

    /**
     * A file above S3's part size in a plain directory (no stored checksums) is hashed first and
     * streamed with both checksums (ADR 0012): the copy records the file's real SHA-256, the object
     * carries Passerelle's SHA-256 and MD5, and read-back and deep verification agree.
     */
    @Test
    void aLargeFileFromAPlainDirectoryIsHashedFirstAndStoredWithItsChecksums() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3proxy"))) {
            s3.start();
            Path disk = tmp.resolve("disk");
            byte[] large = Fixture.random(12 * 1024 * 1024 + 7, 41);
            byte[] small = Fixture.random(70_000, 42);
            java.nio.file.Files.createDirectories(disk.resolve("data/scans"));
            java.nio.file.Files.write(disk.resolve("data/scans/large.bin"), large);
            java.nio.file.Files.write(disk.resolve("data/small.bin"), small);
            try (Fixture f = new Fixture(tmp)
                    .set("passerelle.default-backend", "disk")
                    .set("passerelle.backends.disk.type", "filesystem")
                    .set("passerelle.backends.disk.layout", "plain")
                    .set("passerelle.backends.disk.root", disk.toString())
                    .s3proxy("s3", s3)
                    .set("passerelle.backends.s3.part-size", "5MiB")
                    .write()) {
                Path report = tmp.resolve("large.json");
                Cli.Result c = Cli.run(tmp, f.args("copy", "--from", "disk:data", "--to", "s3:large", "--report", report.toString(), "--quiet"));
                assertEquals(0, c.exit(), c.toString());
                Map<String, ObjectResult> objects = Fixture.objects(report);
                assertEquals(hash("SHA-256", large), objects.get("scans/large.bin").sha256Source());
                assertEquals(hash("SHA-256", large), objects.get("scans/large.bin").sha256Destination(), "read back");
                assertEquals(hash("SHA-256", small), objects.get("small.bin").sha256Source());
                ObjectInfo head = f.head("s3", "large", "scans/large.bin");
                assertEquals(hash("SHA-256", large), head.passerelleSha256().orElseThrow());
                assertEquals(hash("MD5", large), head.checksum(ChecksumAlgorithm.MD5).orElseThrow().hex());
                assertEquals(Checksum.Source.PASSERELLE, head.checksum(ChecksumAlgorithm.MD5).orElseThrow().source());
                assertArrayEquals(large, f.get("s3", "large", "scans/large.bin"));
                Cli.Result v = Cli.run(tmp, f.args("verify", "--from", "disk:data", "--to", "s3:large", "--deep", "--quiet"));
                assertEquals(0, v.exit(), v.toString());
            }
        }
    }

    private static String hash(String algorithm, byte[] data) throws Exception {
        return Hex.encode(MessageDigest.getInstance(algorithm).digest(data));
    }

    private void hop(Fixture f, String from, String to, String origBackend, String origBucket, String dstBackend, String dstBucket) throws Exception {
        Path report = tmp.resolve(dstBucket + ".json");
        Cli.Result c = Cli.run(tmp, f.args("copy", "--from", from, "--to", to, "--report", report.toString(), "--quiet", "--sort-listings"));
        assertEquals(0, c.exit(), from + " -> " + to + ": " + c);
        Map<String, ObjectResult> objects = Fixture.objects(report);
        assertEquals(KEYS.size(), objects.size());
        assertTrue(objects.values().stream().allMatch(o -> o.status() == Status.COPIED), objects.toString());
        for (String k : KEYS) {
            assertArrayEquals(f.get(origBackend, origBucket, k), f.get(dstBackend, dstBucket, k), to + " " + k);
            ObjectInfo o = f.head(origBackend, origBucket, k);
            ObjectInfo d = f.head(dstBackend, dstBucket, k);
            assertEquals(o.contentType(), d.contentType(), to + " " + k);
            assertEquals(o.userMetadata(), d.userMetadata(), to + " " + k);
        }
        Path verify = tmp.resolve(dstBucket + "-verify.json");
        Cli.Result v = Cli.run(tmp, f.args("verify", "--from", from, "--to", to, "--deep", "--report", verify.toString(), "--quiet", "--sort-listings"));
        assertEquals(0, v.exit(), from + " -> " + to + ": " + v);
        assertEquals(Fixture.trailer(report).get("manifestSha256"), Fixture.trailer(verify).get("manifestSha256"));
        Cli.Result again = Cli.run(tmp, f.args("plan", "--from", from, "--to", to, "--quiet", "--sort-listings"));
        assertEquals(0, again.exit(), "nothing left to do: " + again);
    }
}
