package dev.passerelle.sovereign.audit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.sovereign.FsStores;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract kit through the audit decorator over the filesystem backend; afterwards the whole log must verify. */
class AuditedFilesystemContractTest extends BlobStoreContractTest {
    private Path root;
    private AuditLog log;
    private byte[] key;

    @Override
    protected BlobStore createStore() throws Exception {
        root = Files.createTempDirectory("passerelle-audit-kit");
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        log = AuditLog.open(root.resolve("state/audit.jsonl"), key, "test-1");
        return new AuditingBlobStore(FsStores.at(root.resolve("data")), log, "local");
    }

    @Override
    protected void afterAllTests() throws Exception {
        try {
            log.close();
            AuditVerification v = new AuditVerifier(key).verify(log.file(), null);
            assertTrue(v.ok(), v.summary());
            assertTrue(v.lines() > 100, "the kit's accesses were audited: " + v.lines());
        } finally {
            FsStores.deleteTree(root);
        }
    }
}
