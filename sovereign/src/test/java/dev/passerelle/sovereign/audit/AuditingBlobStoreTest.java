package dev.passerelle.sovereign.audit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.sovereign.FsStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests through the audit decorator produce one chained line each; tampering is named by the verifier. */
class AuditingBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void accessesProduceLinesAndEditsOrDeletionsAreNamed() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = dir.resolve("state/audit/audit-test.jsonl");
        CallContext alice = new CallContext("req-1", "alice-token", "192.0.2.7");
        try (AuditLog log = AuditLog.open(file, key, "test-1")) {
            BlobStore store = new AuditingBlobStore(FsStores.at(dir.resolve("data")), log, "local");
            store.createContainer("patients", alice);
            store.put("patients", "p/1", new ByteArrayInputStream(new byte[1234]), 1234, PutOptions.builder().context(alice).build());
            try (ObjectContent c = store.get("patients", "p/1", GetOptions.of(new CallContext("req-2", "bob", "198.51.100.1")))) {
                c.stream().readNBytes(1000);
            }
            try (ObjectContent c = store.get("patients", "p/1", GetOptions.of(alice))) {
                c.stream().readAllBytes();
            }
            assertThrows(StorageException.class, () -> store.get("patients", "missing", GetOptions.of(alice)));
            store.listPage("patients", ListRequest.prefix("p/").withContext(alice));
            store.delete("patients", "p/1", alice);
            assertEquals(7, log.appended());
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertEquals(8, lines.size(), "the chain-start line and one line per access");
        assertTrue(lines.get(0).contains("\"op\":\"chain-start\",\"instance\":\"test-1\",\"seed\":\""), lines.get(0));
        assertTrue(lines.get(2).contains("\"request\":\"req-1\",\"caller\":\"alice-token\",\"op\":\"put\",\"backend\":\"local\",\"bucket\":\"patients\","
                + "\"key\":\"p/1\",\"bytes\":1234,\"result\":\"ok\",\"client\":\"192.0.2.7\""), lines.get(2));
        assertTrue(lines.get(3).contains("\"caller\":\"bob\",\"op\":\"get\"") && lines.get(3).contains("\"bytes\":1000,\"result\":\"incomplete\""), lines.get(3));
        assertTrue(lines.get(4).contains("\"bytes\":1234,\"result\":\"ok\""), lines.get(4));
        assertTrue(lines.get(5).contains("\"key\":\"missing\",\"bytes\":0,\"result\":\"" + ErrorKind.OBJECT_NOT_FOUND.code() + "\""), lines.get(5));
        assertTrue(lines.get(6).contains("\"op\":\"list\"") && lines.get(7).contains("\"op\":\"delete\""));
        AuditVerifier verifier = new AuditVerifier(key);
        AuditVerification ok = verifier.verify(file, null);
        assertTrue(ok.ok(), ok.summary());

        List<String> edited = new ArrayList<>(lines);
        edited.set(3, edited.get(3).replace("\"caller\":\"bob\"", "\"caller\":\"eve\""));
        Files.write(file, edited, StandardCharsets.UTF_8);
        AuditVerification e = verifier.verify(file, ok.lastMac());
        assertFalse(e.ok());
        assertEquals(4, e.firstBrokenLine());

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(2);
        Files.write(file, deleted, StandardCharsets.UTF_8);
        AuditVerification d = verifier.verify(file, null);
        assertFalse(d.ok());
        assertEquals(3, d.firstBrokenLine(), d.summary());
    }
}
