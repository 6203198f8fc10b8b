package dev.passerelle.sovereign.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest {
    @TempDir
    Path dir;

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private static AuditRecord record(int i, String key) {
        return new AuditRecord(Instant.parse("2026-01-02T03:04:05Z").plusSeconds(i), "req-" + i, "tok\"en\\" + i, "put", "local",
                "patients", key, null, i * 10L, "ok", "10.0.0." + i);
    }

    private Path writeLog(byte[] key, int lines) throws IOException {
        Path f = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(f, key, "test-1")) {
            for (int i = 1; i <= lines; i++) {
                log.append(record(i, "k" + i + "\n\u0001é😀\u2028"), i % 2 == 0);
            }
        }
        return f;
    }

    @Test
    void linesAreOneJsonObjectEachWithEscapesAndAVerifiableChain() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 5);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(6, lines.size());
        assertTrue(lines.get(0).matches("\\{\"time\":\"[^\"]+\",\"op\":\"chain-start\",\"instance\":\"test-1\",\"seed\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}"),
                lines.get(0));
        String first = lines.get(1);
        assertTrue(first.startsWith("{\"time\":\"2026-01-02T03:04:06Z\",\"request\":\"req-1\",\"caller\":\"tok\\\"en\\\\1\",\"op\":\"put\""), first);
        assertTrue(first.contains("\"key\":\"k1\\n\\u0001é😀\\u2028\""), first);
        assertTrue(first.contains("\"bytes\":10,\"result\":\"ok\",\"client\":\"10.0.0.1\",\"mac\":\""), first);
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertTrue(v.ok(), v.summary());
        assertEquals(6, v.lines());
        assertEquals(AuditChain.macOf(lines.get(5)), v.lastMac());
    }

    @Test
    void reopeningContinuesTheChain() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 3);
        String checkpoint = new AuditVerifier(key).verify(f, null).lastMac();
        try (AuditLog log = AuditLog.open(f, key, "test-1")) {
            assertEquals(checkpoint, log.lastMac());
            log.append(record(9, "more"), true);
        }
        AuditVerification v = new AuditVerifier(key).verify(f, checkpoint);
        assertTrue(v.ok(), v.summary());
        assertEquals(5, v.lines());
    }

    @Test
    void anEditedLineIsNamed() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 6);
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        lines.set(4, lines.get(4).replace("\"bytes\":40", "\"bytes\":41"));
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertFalse(v.ok());
        assertEquals(5, v.firstBrokenLine());
        assertTrue(v.summary().contains("line 5"), v.summary());
    }

    @Test
    void aDeletedLineIsNamedAtTheLineAfterIt() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 6);
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        lines.remove(2);
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertFalse(v.ok());
        assertEquals(3, v.firstBrokenLine());
    }

    @Test
    void aTruncatedTailIsOnlyVisibleAgainstACheckpoint() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 6);
        String checkpoint = new AuditVerifier(key).verify(f, null).lastMac();
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        Files.write(f, lines.subList(0, 4), StandardCharsets.UTF_8);
        assertTrue(new AuditVerifier(key).verify(f, null).ok());
        AuditVerification v = new AuditVerifier(key).verify(f, checkpoint);
        assertFalse(v.ok());
        assertTrue(v.problem().contains("no longer reaches"), v.problem());
    }

    @Test
    void aForgedChainWithoutTheKeyDoesNotVerifyAndTheLogIsLockedForOneWriter() throws IOException {
        Path f = writeLog(key(), 2);
        assertFalse(new AuditVerifier(key()).verify(f, null).ok());
        byte[] key = key();
        Path g = dir.resolve("other.jsonl");
        try (AuditLog log = AuditLog.open(g, key, "test-1")) {
            assertThrows(IOException.class, () -> AuditLog.open(g, key, "test-1"));
            log.append(record(1, "x"), true);
        }
    }

    @Test
    void aTornLastLineStopsTheWriterWithAClearMessage() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 2);
        Files.writeString(f, "{\"time\":\"partial", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> AuditLog.open(f, key, "test-1"));
        assertTrue(e.getMessage().contains("incomplete line"), e.getMessage());
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertEquals(4, v.firstBrokenLine());
    }

    @Test
    void aNewFileIsOwnerOnlyInAnOwnerOnlyDirectoryAndEachFileHasItsOwnSeed() throws IOException {
        byte[] key = key();
        Path f = dir.resolve("fresh/audit/a.jsonl");
        try (AuditLog a = AuditLog.open(f, key, "gw1"); AuditLog b = AuditLog.open(dir.resolve("b.jsonl"), key, "gw1")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
            assertNotEquals(a.head().seed(), b.head().seed());
            assertNotEquals(a.lastMac(), b.lastMac(), "two files never share a chain");
            assertEquals(1, a.head().lines());
            assertEquals(0, a.appended());
        }
    }

    @Test
    void theHeadCountsEveryLineAcrossReopeningAndPinsTheTail() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 4);
        AuditHead head;
        try (AuditLog log = AuditLog.open(f, key, "test-1")) {
            head = log.head();
            assertEquals(5, head.lines());
            assertEquals(f.toAbsolutePath().toString(), head.file());
            assertEquals("test-1", head.instance());
            assertEquals(AuditChain.startOf(Files.readAllLines(f).get(0))[1], head.seed());
            assertTrue(head.toJson().startsWith("{\"file\":\"" + f.toAbsolutePath() + "\",\"instance\":\"test-1\",\"seed\":\""), head.toJson());
            log.append(record(5, "after"), true);
        }
        AuditVerifier verifier = new AuditVerifier(key);
        assertTrue(verifier.verifyHead(f, head).ok(), "a later line keeps an earlier head");
        // cut the last two lines while stopped, and let the writer go on: same length, another tail
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        Files.write(f, lines.subList(0, lines.size() - 2), StandardCharsets.UTF_8);
        try (AuditLog log = AuditLog.open(f, key, "test-1")) {
            log.append(record(6, "x"), true);
            log.append(record(7, "y"), true);
        }
        assertTrue(verifier.verify(f, null).ok(), "a cut and continued chain verifies on its own");
        AuditVerification cut = verifier.verifyHead(f, head);
        assertFalse(cut.ok());
        assertEquals(5, cut.firstBrokenLine());
        assertTrue(cut.problem().contains("line 5 does not carry the head's MAC"), cut.problem());

        AuditHead other = new AuditHead(null, null, "ab".repeat(32), 0, head.mac());
        AuditVerification foreign = verifier.verifyHead(f, other);
        assertFalse(foreign.ok());
        assertTrue(foreign.problem().contains("does not start from the head's seed"), foreign.problem());
    }

    @Test
    void aFileWrittenBeforeSeedsStillVerifiesAndIsContinuedWithoutOne() throws IOException {
        byte[] key = key();
        AuditChain chain = new AuditChain(key);
        Path f = dir.resolve("legacy.jsonl");
        String previous = AuditChain.GENESIS;
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            String body = record(i, "old" + i).toJson();
            String mac = chain.mac(previous, body);
            sb.append(AuditChain.line(body, mac)).append('\n');
            previous = mac;
        }
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        try (AuditLog log = AuditLog.open(f, key, "test-1")) {
            assertEquals(3, log.head().lines());
            assertNull(log.head().seed());
            log.append(record(4, "new"), true);
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(4, lines.size());
        assertFalse(lines.stream().anyMatch(l -> l.contains("chain-start")));
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertTrue(v.ok(), v.summary());
        assertNull(v.seed());
    }

    @Test
    void aRefusalCarriesItsReason() {
        AuditRecord r = new AuditRecord(Instant.parse("2026-01-02T03:04:05Z"), "req-9", "anonymous", "get", "local", "patients", "a.txt",
                null, 0, "unauthorized", "10.0.0.9", null, "this request needs an Authorization: Bearer token", false);
        assertTrue(r.toJson().endsWith("\"result\":\"unauthorized\",\"client\":\"10.0.0.9\",\"reason\":\"this request needs an Authorization: Bearer token\"}"),
                r.toJson());
        assertFalse(record(1, "k").toJson().contains("reason"));
    }
}
