package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.decorators.MeteringBlobStore;
import dev.passerelle.core.decorators.ReadOnlyBlobStore;
import dev.passerelle.core.decorators.RetryingBlobStore;
import dev.passerelle.core.decorators.StoreMetrics;
import dev.passerelle.core.decorators.TimeoutBlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing of buckets to backends and containers, backend lookup, bucket listing, chain order. */
class RoutingTest {
    @TempDir
    Path tmp;
    private Passerelle passerelle;
    private final CallContext ctx = CallContext.of("test");

    @BeforeEach
    void start() {
        passerelle = Passerelle.create(TestConfigs.of(tmp, Map.ofEntries(
                Map.entry("passerelle.backends.disk.type", "fake"),
                Map.entry("passerelle.backends.disk.endpoint", "mem://disk"),
                Map.entry("passerelle.backends.cellar.type", "fake"),
                Map.entry("passerelle.backends.cellar.endpoint", "mem://cellar"),
                Map.entry("passerelle.backends.cellar.jurisdiction", "fr"),
                Map.entry("passerelle.backends.cellar.certifications", "HDS"),
                Map.entry("passerelle.backends.azure.type", "fake"),
                Map.entry("passerelle.backends.azure.endpoint", "mem://azure"),
                Map.entry("passerelle.backends.azure.retry-max-attempts", "1"),
                Map.entry("passerelle.default-backend", "disk"),
                Map.entry("passerelle.buckets.patients.backend", "cellar"),
                Map.entry("passerelle.buckets.patients.container", "hdh-patients-42"),
                Map.entry("passerelle.buckets.frozen.read-only", "true"),
                Map.entry("passerelle.buckets.renamed.container", "renamed-at-host"),
                Map.entry("passerelle.buckets.legacy.backend", "azure"))));
    }

    @AfterEach
    void stop() {
        passerelle.close();
    }

    private FakeStore fake(String backend) {
        return FakeProvider.STORES.get(backend);
    }

    @Test
    void backendsAreSortedAndDescribed() {
        List<BackendInfo> all = passerelle.backends();
        assertEquals(List.of("azure", "cellar", "disk"), all.stream().map(BackendInfo::name).toList());
        BackendInfo cellar = passerelle.backend("cellar");
        assertEquals("fake", cellar.type());
        assertEquals("FR", cellar.jurisdiction());
        assertEquals(Set.of("HDS"), cellar.certifications());
        assertEquals("UNKNOWN", passerelle.backend("disk").jurisdiction());
        assertInstanceOf(TimeoutBlobStore.class, cellar.store(), "a backend's store is wrapped only with the timeout");
        assertEquals("disk", passerelle.defaultBackend().orElseThrow());
        assertTrue(Files.isDirectory(passerelle.stateDir()), "the state dir is created");
    }

    @Test
    void unknownBackendIsInvalidArgument() {
        StorageException e = assertThrows(StorageException.class, () -> passerelle.backend("nope"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("unknown_backend", e.code());
    }

    @Test
    void explicitRouteWithContainerOverride() {
        Bucket b = passerelle.bucket("patients");
        assertEquals("cellar", b.backend());
        assertEquals("hdh-patients-42", b.container());
        assertFalse(b.readOnly());
        b.store().createContainer(b.container(), ctx);
        b.store().put(b.container(), "k", new ByteArrayInputStream(new byte[] {1, 2}), 2, PutOptions.defaults());
        assertArrayEquals(new byte[] {1, 2}, fake("cellar").containers.get("hdh-patients-42").get("k"));
        assertFalse(fake("disk").containers.containsKey("hdh-patients-42"));
    }

    @Test
    void unconfiguredBucketGoesToTheDefaultBackendUnderItsOwnName() {
        Bucket b = passerelle.bucket("photos");
        assertEquals("disk", b.backend());
        assertEquals("photos", b.container());
        assertFalse(b.readOnly());
        assertTrue(passerelle.bucketConfig("photos").isEmpty());
        b.store().createContainer("photos", ctx);
        assertTrue(fake("disk").containers.containsKey("photos"));
    }

    @Test
    void configuredBucketWithoutRouteUsesDefaultBackendAndItsContainer() {
        Bucket b = passerelle.bucket("renamed");
        assertEquals("disk", b.backend());
        assertEquals("renamed-at-host", b.container());
        assertEquals("renamed-at-host", passerelle.bucketConfig("renamed").orElseThrow().container());
    }

    @Test
    void aSecondNameCannotReachAConfiguredBucketsContainer() {
        StorageException e = assertThrows(StorageException.class, () -> passerelle.bucket("renamed-at-host"));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        assertEquals(Passerelle.RESERVED, e.code());
        assertEquals("hdh-patients-42", passerelle.bucket("hdh-patients-42").container(),
                "the same container name at ANOTHER backend is no alias");
        assertEquals("disk", passerelle.bucket("hdh-patients-42").backend());
    }

    @Test
    void invalidBucketNamesAreRefused() {
        for (String bad : new String[] {"ab", "Upper", "a--b", "-ab", "ab-", "a_b", "a.b"}) {
            StorageException e = assertThrows(StorageException.class, () -> passerelle.bucket(bad), bad);
            assertEquals("invalid_bucket_name", e.code());
        }
    }

    @Test
    void chainOrderIsReadOnlyOverRetryOverTimeout() {
        BlobStore frozen = passerelle.bucket("frozen").store();
        ReadOnlyBlobStore ro = assertInstanceOf(ReadOnlyBlobStore.class, frozen);
        RetryingBlobStore retry = assertInstanceOf(RetryingBlobStore.class, ro.delegate());
        assertSame(passerelle.backend("disk").store(), retry.delegate());
        assertTrue(passerelle.bucket("frozen").readOnly());
        assertFalse(frozen.capabilities().writable());
        StorageException e = assertThrows(StorageException.class, () -> frozen.delete("frozen", "k", ctx));
        assertEquals("read_only", e.code());
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
    }

    @Test
    void retryCanBeSwitchedOffPerBackend() {
        // one attempt: the layer stays, to mark a failure persistent, but never calls twice
        RetryingBlobStore once = assertInstanceOf(RetryingBlobStore.class, passerelle.bucket("legacy").store());
        assertEquals(1, once.policy().maxAttempts());
        assertSame(passerelle.backend("azure").store(), once.delegate());
    }

    @Test
    void backendNameIsFilledIntoErrors() {
        Bucket b = passerelle.bucket("patients");
        StorageException e = assertThrows(StorageException.class, () -> b.store().head(b.container(), "missing", GetOptions.of(ctx)));
        assertEquals(ErrorKind.CONTAINER_NOT_FOUND, e.kind());
        assertEquals("cellar", e.backend());
        assertTrue(e.getMessage().contains("backend=cellar"));
    }

    @Test
    void listBucketsMapsContainersBackToBucketNames() {
        fake("disk").containers.put("photos", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake("disk").containers.put("renamed-at-host", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake("disk").containers.put("patients", new java.util.concurrent.ConcurrentSkipListMap<>()); // routed elsewhere: unreachable
        fake("disk").containers.put("Not_A_Bucket", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake("cellar").containers.put("hdh-patients-42", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake("azure").containers.put("other", new java.util.concurrent.ConcurrentSkipListMap<>()); // not routed at all
        List<Bucket> buckets = passerelle.listBuckets(ctx).buckets();
        assertEquals(List.of("patients", "photos", "renamed"), buckets.stream().map(Bucket::name).toList());
        Bucket patients = buckets.get(0);
        assertEquals("cellar", patients.backend());
        assertEquals("hdh-patients-42", patients.container());
        assertEquals("renamed-at-host", buckets.get(2).container());
    }

    @Test
    void listBucketsIsPartialWhenABackendFails() {
        fake("cellar").containers.put("hdh-patients-42", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake("disk").containers.put("photos", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake("disk").hook = (op, data) -> {
            throw new StorageException(ErrorKind.UNAVAILABLE, "disk is down");
        };
        BucketListing listing = passerelle.listBuckets(ctx);
        assertTrue(listing.partial());
        assertEquals(List.of("patients"), listing.buckets().stream().map(Bucket::name).toList(), "the other backends' buckets are listed");
        assertEquals(List.of("frozen", "renamed"), listing.unavailable().stream().map(BucketConfig::name).toList(),
                "the default backend's configured buckets are reported unavailable");
        assertEquals(List.of("disk"), List.copyOf(listing.failedBackends().keySet()));
        assertEquals("backend_unavailable", listing.failedBackends().get("disk").code());

        fake("disk").hook = (op, data) -> { };
        fake("cellar").hook = (op, data) -> {
            throw new StorageException(ErrorKind.TIMEOUT, "cellar is slow");
        };
        listing = passerelle.listBuckets(ctx);
        assertEquals(List.of("photos"), listing.buckets().stream().map(Bucket::name).toList());
        assertEquals(List.of("patients"), listing.unavailable().stream().map(BucketConfig::name).toList());
        assertEquals("backend_timeout", listing.failedBackends().get("cellar").code());

        fake("cellar").hook = (op, data) -> { };
        assertFalse(passerelle.listBuckets(ctx).partial());
    }

    @Test
    void theMetricsLayerIsOutermostAndCountsTheRefusalsOfTheLayersBelow() {
        passerelle.close();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        StoreMetrics metrics = new StoreMetrics() {
            @Override
            public void finished(String backend, String operation, String outcome, long nanos) {
                seen.add(backend + " " + operation + " " + outcome);
            }

            @Override
            public void opened(String backend, String operation, long nanos) {
                seen.add(backend + " " + operation + " opened");
            }

            @Override
            public void bytesIn(String backend, String operation, long bytes) {
                seen.add(backend + " " + operation + " in " + bytes);
            }

            @Override
            public void bytesOut(String backend, String operation, long bytes) {
                seen.add(backend + " " + operation + " out " + bytes);
            }
        };
        passerelle = Passerelle.create(TestConfigs.of(tmp, Map.of(
                "passerelle.backends.disk.type", "fake", "passerelle.backends.disk.endpoint", "mem://d",
                "passerelle.buckets.frozen.read-only", "true")), metrics);
        MeteringBlobStore outer = assertInstanceOf(MeteringBlobStore.class, passerelle.bucket("frozen").store());
        assertInstanceOf(ReadOnlyBlobStore.class, outer.delegate(), "metrics wraps read-only, never the reverse");
        assertThrows(StorageException.class, () -> outer.delete("frozen", "k", ctx));
        assertEquals(List.of("disk delete_object read_only"), seen, "a refusal of the read-only layer is counted with its code");
        assertFalse(passerelle.backend("disk").store() instanceof MeteringBlobStore, "a backend's own store has no bucket layer");
    }

    @Test
    void closeClosesEveryBackendOnce() {
        passerelle.close();
        passerelle.close();
        assertTrue(fake("disk").closed && fake("cellar").closed && fake("azure").closed);
    }
}
