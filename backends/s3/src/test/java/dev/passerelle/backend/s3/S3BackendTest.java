package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.testkit.FailingInputStream;
import dev.passerelle.testkit.Kit;
import dev.passerelle.testservers.S3ProxyServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the kit does not show about THIS backend, against a real S3Proxy: multipart uploads with
 * small parts (parallel, checksums recorded, aborted on every failure with no part left behind),
 * the clever-cloud and minio presets end to end with the endpoint overridden, and wrong credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BackendTest {
    private static final int MIB = 1 << 20;
    private S3ProxyServer server;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("passerelle-s3-backend");
        server = new S3ProxyServer(dir);
        server.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        TestStores.deleteTree(dir);
    }

    private S3BlobStore store(String preset, Map<String, String> extra) {
        return TestStores.store(TestStores.s3proxy(server, "test-" + preset, preset, extra));
    }

    private S3BlobStore multipartStore() {
        return store("minio", Map.of("part-size", "5MiB", "upload-concurrency", "2", "single-put-max", "0"));
    }

    /** @return the multipart uploads still open in the bucket (orphaned parts cost money on real hosts) */
    private int openUploads(S3BlobStore store, String bucket) throws Exception {
        OkHttpClient http = S3ClientFactory.httpClient(store.settings());
        try {
            return S3ClientFactory.s3Client(store.settings(), http)
                    .listMultipartUploadsAsync(bucket, null, null, null, null, 1000, null, null, null, null).join().result().uploads().size();
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void multipartUploadsRecordPasserelleChecksumsForKnownAndUnknownLengths() throws Exception {
        try (S3BlobStore store = multipartStore()) {
            String bucket = Kit.randomContainerName();
            store.createContainer(bucket, CallContext.system());
            byte[] data = Kit.bytes(13 * MIB + 17, 42);
            for (long declared : new long[] {data.length, -1}) {
                String key = "mp/" + declared;
                ObjectInfo put = store.put(bucket, key, new ByteArrayInputStream(data), declared,
                        PutOptions.builder().contentType("application/dicom").userMetadata(Map.of("patient", "Zoé")).build());
                assertEquals(Kit.sha256(data), put.passerelleSha256().orElseThrow());
                ObjectInfo head = store.head(bucket, key, GetOptions.defaults());
                assertEquals(Kit.sha256(data), head.passerelleSha256().orElseThrow(), "SHA-256 recorded with the object");
                Checksum md5 = head.checksum(ChecksumAlgorithm.MD5).orElseThrow();
                assertEquals(Kit.md5(data), md5.hex());
                assertEquals(Checksum.Source.PASSERELLE, md5.source(), "our MD5, never an ETag read as one");
                assertEquals("application/dicom", head.contentType());
                assertEquals(Map.of("patient", "Zoé"), head.userMetadata());
                assertArrayEquals(data, Kit.read(store, bucket, key));
            }
            assertEquals(0, openUploads(store, bucket));
            Kit.deleteContainerAndContents(store, bucket);
        }
    }

    @Test
    void everyMultipartFailureAbortsTheUploadAndKeepsThePreviousObject() throws Exception {
        try (S3BlobStore store = multipartStore()) {
            String bucket = Kit.randomContainerName();
            store.createContainer(bucket, CallContext.system());
            byte[] previous = Kit.bytes(100, 1);
            Kit.put(store, bucket, "k", previous);
            byte[] data = Kit.bytes(12 * MIB, 2);

            StorageException broken = Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put(bucket, "k",
                    new FailingInputStream(new ByteArrayInputStream(data)), -1, PutOptions.defaults()));
            assertEquals("read_failed", broken.code());
            Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length + 1L,
                    PutOptions.defaults()));
            Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length,
                    PutOptions.builder().expectedSha256("0".repeat(64)).build()));
            Kit.expect(ErrorKind.PRECONDITION_FAILED, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length,
                    PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build()));

            assertArrayEquals(previous, Kit.read(store, bucket, "k"), "the previous object is intact");
            assertEquals(0, openUploads(store, bucket), "no multipart upload left behind");
            Kit.deleteContainerAndContents(store, bucket);
        }
    }

    @Test
    void anUnknownLengthPastTheLastPartFailsClearly() throws Exception {
        try (S3BlobStore store = store("minio", Map.of("part-size", "5MiB", "max-parts", "2"))) {
            String bucket = Kit.randomContainerName();
            store.createContainer(bucket, CallContext.system());
            StorageException e = Kit.expect(ErrorKind.PAYLOAD_TOO_LARGE, () -> store.put(bucket, "too-big",
                    new ByteArrayInputStream(Kit.bytes(11 * MIB, 3)), -1, PutOptions.defaults()));
            assertTrue(e.getMessage().contains("10485760"), e.getMessage());
            Kit.assertAbsent(store, bucket, "too-big");
            assertEquals(0, openUploads(store, bucket));
            Kit.deleteContainerAndContents(store, bucket);
        }
    }

    @Test
    void cleverCloudPresetWorksEndToEndWithTheEndpointOverridden() {
        try (S3BlobStore store = store("clever-cloud", Map.of())) {
            assertFalse(store.capabilities().atomicConditionalPut(), "Cellar: conditions are checked by Passerelle");
            assertEquals(10_000, store.capabilities().maxParts());
            roundTrip(store);
            String bucket = Kit.randomContainerName();
            store.createContainer(bucket, CallContext.system());
            Kit.put(store, bucket, "k", new byte[] {1});
            Kit.expect(ErrorKind.PRECONDITION_FAILED, () -> Kit.put(store, bucket, "k", new byte[] {2},
                    PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build()));
            Kit.deleteContainerAndContents(store, bucket);
        }
    }

    @Test
    void minioPresetWorksEndToEnd() {
        try (S3BlobStore store = store("minio", Map.of())) {
            assertTrue(store.capabilities().atomicConditionalPut(), "MinIO honours If-None-Match / If-Match");
            roundTrip(store);
        }
    }

    private static void roundTrip(BlobStore store) {
        String bucket = Kit.randomContainerName();
        store.createContainer(bucket, CallContext.system());
        byte[] data = Kit.bytes(1000, 9);
        ObjectInfo put = Kit.put(store, bucket, "dir/é", data, PutOptions.builder().userMetadata(Map.of("note", "données")).build());
        assertArrayEquals(data, Kit.read(store, bucket, "dir/é"));
        assertEquals(Map.of("note", "données"), store.head(bucket, "dir/é", GetOptions.defaults()).userMetadata());
        assertEquals(put.etag(), store.listPage(bucket, ListRequest.all()).objects().get(0).etag(), "ETags compare across calls");
        try (ObjectContent c = store.get(bucket, "dir/é", GetOptions.defaults().withConditions(Conditions.ifMatch("\"" + put.etag() + "\"")))) {
            assertEquals(1000, Kit.readAll(c).length);
        }
        Kit.deleteContainerAndContents(store, bucket);
    }

    @Test
    void aWrongSecretIsABackendAuthFailureNamingTheBackend() {
        Map<String, String> m = new HashMap<>(TestStores.s3proxy(server, "cellar-prod", "clever-cloud", Map.of()).values());
        m.put("secret-key", "not-the-secret");
        try (S3BlobStore store = TestStores.store(new BackendSettings("cellar-prod", m))) {
            StorageException e = Kit.expect(ErrorKind.BACKEND_AUTH_FAILED, store::checkHealth);
            assertEquals("cellar-prod", e.backend());
            assertFalse(e.getMessage().contains("not-the-secret"), "the secret never appears in a message");
            assertEquals("cellar-prod", Kit.expect(ErrorKind.BACKEND_AUTH_FAILED,
                    () -> Kit.put(store, "some-bucket", "k", new byte[] {1})).backend(), "a write says so too");
        }
    }
}
