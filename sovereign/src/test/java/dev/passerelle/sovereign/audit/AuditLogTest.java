package dev.passerelle.sovereign.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        try (AuditLog log = AuditLog.open(f, key)) {
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
        assertEquals(5, lines.size());
        String first = lines.get(0);
        assertTrue(first.startsWith("{\"time\":\"2026-01-02T03:04:06Z\",\"request\":\"req-1\",\"caller\":\"tok\\\"en\\\\1\",\"op\":\"put\""), first);
        assertTrue(first.contains("\"key\":\"k1\\n\\u0001é😀\\u2028\""), first);
        assertTrue(first.contains("\"bytes\":10,\"result\":\"ok\",\"client\":\"10.0.0.1\",\"mac\":\""), first);
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertTrue(v.ok(), v.summary());
        assertEquals(5, v.lines());
        assertEquals(AuditChain.macOf(lines.get(4)), v.lastMac());
    }

    @Test
    void reopeningContinuesTheChain() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 3);
        String checkpoint = new AuditVerifier(key).verify(f, null).lastMac();
        try (AuditLog log = AuditLog.open(f, key)) {
            assertEquals(checkpoint, log.lastMac());
            log.append(record(9, "more"), true);
        }
        AuditVerification v = new AuditVerifier(key).verify(f, checkpoint);
        assertTrue(v.ok(), v.summary());
        assertEquals(4, v.lines());
    }

    @Test
    void anEditedLineIsNamed() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 6);
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        lines.set(3, lines.get(3).replace("\"bytes\":40", "\"bytes\":41"));
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertFalse(v.ok());
        assertEquals(4, v.firstBrokenLine());
        assertTrue(v.summary().contains("line 4"), v.summary());
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
        try (AuditLog log = AuditLog.open(g, key)) {
            assertThrows(IOException.class, () -> AuditLog.open(g, key));
            log.append(record(1, "x"), true);
        }
    }

    @Test
    void aTornLastLineStopsTheWriterWithAClearMessage() throws IOException {
        byte[] key = key();
        Path f = writeLog(key, 2);
        Files.writeString(f, "{\"time\":\"partial", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> AuditLog.open(f, key));
        assertTrue(e.getMessage().contains("incomplete line"), e.getMessage());
        AuditVerification v = new AuditVerifier(key).verify(f, null);
        assertEquals(3, v.firstBrokenLine());
    }
}
