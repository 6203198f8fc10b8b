package dev.passerelle.migrate.it;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The residency check of plan and copy, through the real CLI: a {@code health} bucket may go to a
 * French backend, not to a US one unless it is encrypted; a refused copy moves nothing. The
 * in-process instance holds the default audit file (as a gateway on this host would), so every CLI
 * run also proves that the CLI opens its own audit file.
 */
class PolicyIT {
    static final byte[] PATTERN = "PATIENT-RECORD-0123456789-".repeat(4000).getBytes(StandardCharsets.UTF_8);
    static final List<String> KEYS = List.of("2024/a.json", "2024/b.json", "empty");

    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() throws IOException {
        f = new Fixture(tmp).filesystem("eu").filesystem("fr2").filesystem("us")
                .set("passerelle.backends.eu.jurisdiction", "FR")
                .set("passerelle.backends.fr2.jurisdiction", "FR")
                .set("passerelle.backends.us.jurisdiction", "US")
                .set("passerelle.policy.health.allowed-jurisdictions", "FR,EU")
                .set("passerelle.policy.health.unless-encrypted", "true")
                .set("passerelle.buckets.records.backend", "eu")
                .set("passerelle.buckets.records.classification", "health")
                .set("passerelle.buckets.sealed.backend", "eu")
                .set("passerelle.buckets.sealed.classification", "health")
                .set("passerelle.buckets.sealed.encryption", "required")
                .set("passerelle.keys.current", "k1");
        f.set("passerelle.keys.k1.file", f.secret("k1.key", Fixture.random(32, 1)).toString());
        f.set("passerelle.audit.key-file", f.secret("audit.key", Fixture.random(48, 2)).toString());
        f.write();
        for (String bucket : List.of("records", "sealed", "misc")) {
            var store = f.passerelle().bucket(bucket).store();
            store.createContainer(bucket, CallContext.system());
            for (String k : KEYS) {
                byte[] body = k.equals("empty") ? new byte[0] : PATTERN;
                store.put(bucket, k, new ByteArrayInputStream(body), body.length, PutOptions.builder().contentType("application/json").build());
            }
        }
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aHealthBucketDoesNotGoToAUsHostAndNothingMoves() throws Exception {
        List<Path> before = filesUnder(f.root("us"));
        for (String command : List.of("copy", "plan")) {
            Path report = tmp.resolve(command + ".json");
            Cli.Result r = Cli.run(tmp, f.args(command, "--from", "eu:records", "--to", "us:records", "--report", report.toString()));
            assertRefused(r, "records", "passerelle.policy.health.allowed-jurisdictions");
            assertFalse(Files.exists(report), "no report of a refused run");
        }
        Cli.Result dry = Cli.run(tmp, f.args("copy", "--from", "eu:records", "--to", "us:records", "--dry-run"));
        assertRefused(dry, "records", "passerelle.policy.health.allowed-jurisdictions");
        assertEquals(before, filesUnder(f.root("us")), "nothing written at the destination");
        assertFalse(f.store("us").containerExists("records", CallContext.system()), "not even the container");
        assertTrue(Files.exists(tmp.resolve("state/audit")) && Stream.of(tmp.resolve("state/audit").toFile().list())
                .anyMatch(n -> n.startsWith("audit-migrate-")), "the CLI opened its own audit file");
    }

    @Test
    void anAllowedDestinationCopiesAndTheReportNamesTheRule() throws Exception {
        List<Path> before = filesUnder(f.root("us"));
        Path report = tmp.resolve("copy.json");
        Cli.Result r = Cli.run(tmp, f.args("copy", "--from", "eu:records", "--to", "fr2:records", "--report", report.toString()));
        assertEquals(0, r.exit(), r.toString());
        for (String k : KEYS) {
            assertArrayEquals(f.get("eu", "records", k), f.get("fr2", "records", k), k);
        }
        try (var reader = new dev.passerelle.migrate.report.ReportReader(report)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> policy = (Map<String, Object>) ((Map<String, Object>) reader.header().get("destination")).get("policy");
            assertEquals("records", policy.get("bucket"));
            assertEquals("passerelle.policy.health.allowed-jurisdictions", policy.get("rule"));
        }

        // fr2:records is no bucket's route, but a bucket of that name is configured: its settings still decide
        Cli.Result onward = Cli.run(tmp, f.args("copy", "--from", "fr2:records", "--to", "us:archive"));
        assertRefused(onward, "records", "passerelle.policy.health.allowed-jurisdictions");
        assertEquals(before, filesUnder(f.root("us")), "nothing written at the destination");
    }

    @Test
    void unclassifiedDataMayGoAnywhere() throws Exception {
        Cli.Result r = Cli.run(tmp, f.args("copy", "--from", "eu:misc", "--to", "us:misc"));
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(PATTERN, f.get("us", "misc", "2024/a.json"));
    }

    @Test
    void anEncryptedHealthBucketGoesToTheUsAsCiphertextOnly() throws Exception {
        Cli.Result r = Cli.run(tmp, f.args("copy", "--from", "eu:sealed", "--to", "us:sealed"));
        assertEquals(0, r.exit(), r.toString());
        String marker = "PATIENT-RECORD";
        for (Path p : filesUnder(f.root("us")).stream().filter(Files::isRegularFile).toList()) {
            assertFalse(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(marker), "plaintext stored at " + p);
        }
        assertEquals("k1", f.head("us", "sealed", "2024/a.json").userMetadata().get("passerelle-kek"), "the envelope moved with the ciphertext");

        // the destination, with the same KEK, reads the plaintext back once the route points there
        f.set("passerelle.buckets.sealed.backend", "us").write();
        for (String k : KEYS) {
            try (ObjectContent c = f.passerelle().bucket("sealed").store().get("sealed", k, GetOptions.defaults())) {
                assertArrayEquals(k.equals("empty") ? new byte[0] : PATTERN, c.stream().readAllBytes(), k);
                assertEquals("application/json", c.info().contentType(), k);
            }
        }
    }

    @Test
    void anEncryptedBucketIsNotCopiedToOtherKeysOrIntoAnotherBucketWhereItCouldNotOpen() throws Exception {
        f.set("passerelle.buckets.archive.backend", "us").write();
        List<Path> before = filesUnder(f.root("us"));
        for (String[] to : new String[][] {{"eu:sealed/2024", "us:sealed/old"}, {"eu:sealed", "us:archive"}}) {
            Cli.Result r = Cli.run(tmp, f.args("copy", "--from", to[0], "--to", to[1]));
            assertEquals(2, r.exit(), r.toString());
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), "one line: " + r);
            assertTrue(err.contains("encrypted bucket 'sealed' are bound to that bucket name and their keys") && err.contains("nothing copied"), err);
        }
        assertEquals(before, filesUnder(f.root("us")), "nothing written at the destination");
        // the same prefix into a container no other bucket owns is the migration path, and is allowed
        Cli.Result ok = Cli.run(tmp, f.args("copy", "--from", "eu:sealed/2024", "--to", "us:sealed-next/2024"));
        assertEquals(0, ok.exit(), ok.toString());
    }

    private static void assertRefused(Cli.Result r, String bucket, String rule) {
        assertEquals(2, r.exit(), r.toString());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + r);
        assertTrue(err.contains("policy refusal") && err.contains("bucket '" + bucket + "'") && err.contains("backend 'us'")
                && err.contains(rule), r.toString());
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).sorted().toList();
        }
    }
}
