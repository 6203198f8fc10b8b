package dev.passerelle.gateway;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.backend.filesystem.FilesystemBlobStoreProvider;
import dev.passerelle.gateway.http.Problem;
import dev.passerelle.gateway.http.Problems;
import dev.passerelle.sovereign.policy.PolicyBlobStore;
import dev.passerelle.sovereign.policy.PolicyDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write the residency policy refuses is answered 403 {@code policy_violation} with the rule's
 * explanation. (With a valid configuration no configured route can breach the policy, since start-up
 * refuses it, so the refusal is produced here by the real decorator with a denying decision and
 * mapped by the gateway's one problem table.)
 */
class PolicyViolationProblemTest {
    @TempDir
    Path tmp;

    @Test
    void aRefusedWriteIsA403PolicyViolationNamingTheRule() {
        String why = "bucket 'hdh' (classification health) on backend 'us' (jurisdiction US) breaks passerelle.policy.health.allowed-jurisdictions=EU,FR";
        BlobStore raw = new FilesystemBlobStoreProvider().create(new BackendSettings("us", Map.of("type", "filesystem", "root", tmp.toString())));
        BlobStore guarded = new PolicyBlobStore(raw, container -> PolicyDecision.deny("passerelle.policy.health.allowed-jurisdictions", why));
        StorageException e = assertThrows(StorageException.class, () -> guarded.put("hdh", "a.txt", new ByteArrayInputStream(new byte[1]), 1,
                PutOptions.builder().context(CallContext.of("test")).build()));
        Problem p = Problems.of(e, "req-1");
        assertEquals(403, p.status());
        assertEquals("policy_violation", p.code());
        assertTrue(p.detail().contains(why), p.detail());
        assertTrue(Problems.json(p).contains("\"code\":\"policy_violation\""), Problems.json(p));
    }
}
