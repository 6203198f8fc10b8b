package dev.passerelle.sovereign.policy;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.sovereign.FsStores;
import dev.passerelle.sovereign.config.SovereignConfig;
import dev.passerelle.sovereign.config.SovereignProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes breaching the policy are refused with 403 policy_violation; reads and deletes still work. */
class PolicyBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void breachingWritesAreRefusedNamingBucketBackendAndRule() {
        SovereignConfig config = SovereignConfig.from(SovereignProperties.of(Map.of(
                "passerelle.backends.azure.jurisdiction", "US",
                "passerelle.policy.health.allowed-jurisdictions", "FR,EU",
                "passerelle.buckets.patients.classification", "health",
                "passerelle.buckets.patients.backend", "azure")));
        BlobStore fs = FsStores.at(dir);
        fs.createContainer("patients", CallContext.system());
        fs.createContainer("open-data", CallContext.system());
        fs.put("patients", "old", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.defaults());
        BlobStore guarded = new PolicyBlobStore(fs, config, "azure");

        StorageException e = assertThrows(StorageException.class,
                () -> guarded.put("patients", "new", new ByteArrayInputStream(new byte[] {2}), 1, PutOptions.defaults()));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        assertEquals(PolicyBlobStore.CODE, e.code());
        assertEquals(403, e.kind().httpStatus());
        assertTrue(e.getMessage().contains("'patients'") && e.getMessage().contains("'azure'")
                && e.getMessage().contains("passerelle.policy.health.allowed-jurisdictions"), e.getMessage());
        assertEquals(PolicyBlobStore.CODE, assertThrows(StorageException.class,
                () -> guarded.copy("open-data", "x", "patients", "y", CopyOptions.defaults())).code());

        // reading out of, and deleting from, a non-compliant host stays possible
        assertEquals(1, guarded.head("patients", "old", GetOptions.defaults()).size());
        guarded.delete("patients", "old", CallContext.system());
        // unclassified buckets are not restricted
        guarded.put("open-data", "x", new ByteArrayInputStream(new byte[] {3}), 1, PutOptions.defaults());
    }
}
