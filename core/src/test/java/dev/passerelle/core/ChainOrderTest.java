package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.backend.filesystem.FilesystemBlobStore;
import dev.passerelle.core.decorators.MeteringBlobStore;
import dev.passerelle.core.decorators.ReadOnlyBlobStore;
import dev.passerelle.core.decorators.RetryingBlobStore;
import dev.passerelle.core.decorators.StoreMetrics;
import dev.passerelle.core.decorators.TimeoutBlobStore;
import dev.passerelle.sovereign.audit.AuditingBlobStore;
import dev.passerelle.sovereign.crypto.EncryptingBlobStore;
import dev.passerelle.sovereign.policy.PolicyBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built chain IS the declared one: walking a bucket's store from the outside in meets every
 * layer of {@link DecoratorChain.Layer} in declaration order, nothing else, then the raw backend; and
 * the order the docs state is that order.
 */
class ChainOrderTest {
    /** The class each layer is built as. */
    private static final Map<Class<?>, DecoratorChain.Layer> CLASSES = Map.of(
            MeteringBlobStore.class, DecoratorChain.Layer.METRICS,
            AuditingBlobStore.class, DecoratorChain.Layer.AUDIT,
            PolicyBlobStore.class, DecoratorChain.Layer.POLICY,
            ReadOnlyBlobStore.class, DecoratorChain.Layer.READ_ONLY,
            EncryptingBlobStore.class, DecoratorChain.Layer.ENCRYPTION,
            RetryingBlobStore.class, DecoratorChain.Layer.RETRY,
            TimeoutBlobStore.class, DecoratorChain.Layer.TIMEOUT);

    @TempDir
    Path tmp;

    /** Every layer switched on: metrics supplied, audit, a classification, read-only, encryption, retries. */
    private Passerelle everyLayerOn() throws IOException {
        Path kek = tmp.resolve("kek.key");
        byte[] k = new byte[48];
        new java.security.SecureRandom().nextBytes(k);
        Files.write(kek, Arrays.copyOf(k, 32));
        Path auditKey = tmp.resolve("audit.key");
        Files.writeString(auditKey, java.util.Base64.getEncoder().encodeToString(k));
        Map<String, String> m = new HashMap<>();
        m.put("passerelle.backends.fr.type", "filesystem");
        m.put("passerelle.backends.fr.root", tmp.resolve("fr").toString());
        m.put("passerelle.backends.fr.jurisdiction", "FR");
        m.put("passerelle.backends.fr.retry-max-attempts", "3");
        m.put("passerelle.keys.k1.file", kek.toString());
        m.put("passerelle.audit.key-file", auditKey.toString());
        m.put("passerelle.policy.health.allowed-jurisdictions", "FR");
        m.put("passerelle.buckets.patients.classification", "health");
        m.put("passerelle.buckets.patients.encryption", "required");
        m.put("passerelle.buckets.patients.read-only", "true");
        m.put("passerelle.buckets.plain.audit", "false");
        StoreMetrics metrics = new StoreMetrics() {
            @Override
            public void finished(String backend, String operation, String outcome, long nanos) {
            }

            @Override
            public void opened(String backend, String operation, long nanos) {
            }

            @Override
            public void bytesIn(String backend, String operation, long bytes) {
            }

            @Override
            public void bytesOut(String backend, String operation, long bytes) {
            }
        };
        return Passerelle.create(TestConfigs.of(tmp, m), metrics);
    }

    /** @return the layers met from the outside in; fails on a wrapper that is no layer */
    private static List<DecoratorChain.Layer> walk(BlobStore store) {
        List<DecoratorChain.Layer> met = new ArrayList<>();
        BlobStore s = store;
        while (s instanceof ForwardingBlobStore f) {
            DecoratorChain.Layer layer = CLASSES.get(s.getClass());
            assertTrue(layer != null, "a wrapper that is no layer of the chain: " + s.getClass().getName());
            met.add(layer);
            s = f.delegate();
        }
        assertInstanceOf(FilesystemBlobStore.class, s, "the walk ends at the raw backend");
        return met;
    }

    @Test
    void aBucketWithEveryLayerOnIsBuiltInTheDeclaredOrder() throws IOException {
        try (Passerelle p = everyLayerOn()) {
            assertEquals(List.of(DecoratorChain.Layer.values()), walk(p.bucket("patients").store()));
        }
    }

    @Test
    void layersSwitchedOffAreLeftOutWithoutReordering() throws IOException {
        try (Passerelle p = everyLayerOn()) {
            assertEquals(List.of(DecoratorChain.Layer.METRICS, DecoratorChain.Layer.RETRY, DecoratorChain.Layer.TIMEOUT),
                    walk(p.bucket("plain").store()));
            assertEquals(List.of(DecoratorChain.Layer.METRICS, DecoratorChain.Layer.AUDIT, DecoratorChain.Layer.RETRY,
                    DecoratorChain.Layer.TIMEOUT), walk(p.bucket("unconfigured").store()));
            assertEquals(List.of(DecoratorChain.Layer.RETRY, DecoratorChain.Layer.TIMEOUT), walk(p.storeBelowEncryption("patients")));
        }
    }

    @Test
    void theTimeoutLayerIsTheBackendsOneSharedByItsBuckets() throws IOException {
        try (Passerelle p = everyLayerOn()) {
            BlobStore backend = p.backend("fr").store();
            assertEquals(List.of(DecoratorChain.Layer.TIMEOUT), walk(backend));
            for (String bucket : List.of("patients", "plain", "unconfigured")) {
                BlobStore s = p.bucket(bucket).store();
                while (!(s instanceof TimeoutBlobStore)) {
                    s = ((ForwardingBlobStore) s).delegate();
                }
                assertSame(backend, s, bucket + " shares the backend's pool and cap on calls in flight");
            }
        }
    }

    @Test
    void nothingIsHandedOutBelowTheTimeoutLayer() throws IOException {
        DecoratorChain chain = DecoratorChain.standard(name -> null, StoreMetrics.NONE);
        assertThrows(IllegalArgumentException.class, () -> chain.buildBelow(DecoratorChain.Layer.TIMEOUT, null, null));
        assertThrows(IllegalArgumentException.class, () -> chain.with(DecoratorChain.Layer.TIMEOUT, (inner, bucket, backend) -> inner));
    }

    /** The ADRs and the chain's own page state the order the code builds (README's text is ported from docs/chain.md). */
    @Test
    void theDocumentedOrderIsTheBuiltOrder() throws IOException {
        String order = Arrays.stream(DecoratorChain.Layer.values()).map(l -> l.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(" → ")) + " → backend";
        assertEquals("metrics → audit → policy → read-only → encryption → retry → timeout → backend", order);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/adr"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "repository root (docs/adr) not found above " + Path.of("").toAbsolutePath());
        Path docs = dir.resolve("docs");
        for (Path doc : List.of(docs.resolve("chain.md"), docs.resolve("adr/0003-config-only-routing.md"),
                docs.resolve("adr/0008-sovereign-module.md"))) {
            String text = Files.readString(doc, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            assertTrue(text.contains(order), doc + " states the chain order " + order);
        }
    }
}
