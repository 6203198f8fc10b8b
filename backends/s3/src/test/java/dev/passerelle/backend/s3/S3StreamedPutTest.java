package dev.passerelle.backend.s3;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.testkit.FailingInputStream;
import dev.passerelle.testkit.Kit;
import dev.passerelle.testservers.S3ProxyServer;
import dev.passerelle.testservers.S3rverServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Known-length bodies between one part and {@code single-put-max} go as ONE streamed PutObject
 * whose last byte is held back until the body is verified: what is stored, which requests are sent,
 * and that every kind of bad body leaves nothing behind (the previous object intact) although most
 * of it already reached the host. S3Proxy (preset minio) refuses a cut body, as AWS and MinIO do;
 * s3rver stores whatever arrived, so its preset ({@code generic}) does not stream: there the same
 * bodies go in parts and leave nothing either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StreamedPutTest {
    private static final int MIB = 1 << 20;
    private S3ProxyServer s3proxy;
    private S3rverServer s3rver;
    private Path proxyDir;
    private Path rverDir;

    @BeforeAll
    void start() throws Exception {
        proxyDir = Files.createTempDirectory("passerelle-s3-streamed");
        s3proxy = new S3ProxyServer(proxyDir);
        s3proxy.start();
        rverDir = Files.createTempDirectory("passerelle-s3rver-streamed");
        s3rver = new S3rverServer(rverDir);
        s3rver.start();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            s3proxy.stop();
            s3rver.stop();
        } finally {
            TestStores.deleteTree(proxyDir);
            TestStores.deleteTree(rverDir);
        }
    }

    /** part-size 5 MiB: anything above it (and within the default single-put-max) is streamed where the preset allows it. */
    private List<S3BlobStore> stores(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("part-size", "5MiB"));
        settings.putAll(extra);
        return List.of(TestStores.store(TestStores.s3proxy(s3proxy, "streamed-s3proxy", "minio", settings)),
                TestStores.store(TestStores.s3rver(s3rver, "streamed-s3rver", "generic", settings)));
    }

    private static String trace(S3BlobStore store, Runnable call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.traceTo(out);
        call.run();
        store.traceTo(new ByteArrayOutputStream());
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The keys listed once the host has settled: S3Proxy's file store writes an upload into a
     * temporary file named after the key (key-UUID) and lists it until it notices that the request
     * was cut, which can be a moment after the client gave up. Waits up to 10 s for the listing to
     * become {@code expected}; a stored object would stay listed.
     */
    private static List<String> keysOnceSettled(S3BlobStore store, String bucket, List<String> expected) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        List<String> keys = Kit.listAllKeys(store, bucket);
        while (!keys.equals(expected) && System.nanoTime() < end) {
            Thread.sleep(100);
            keys = Kit.listAllKeys(store, bucket);
        }
        return keys;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aKnownLengthBodyAbovePartSizeIsOneStreamedPutWithPasserelleChecksums() throws Exception {
        byte[] data = Kit.bytes(12 * MIB + 5, 7);
        for (S3BlobStore store : stores(Map.of())) {
            try (store) {
                String bucket = Kit.randomContainerName();
                store.createContainer(bucket, CallContext.system());
                PutOptions options = PutOptions.builder().contentType("application/dicom").userMetadata(Map.of("patient", "Zoé")).build();
                ObjectInfo[] put = new ObjectInfo[1];
                String trace = trace(store, () -> put[0] = store.put(bucket, "scan", new ByteArrayInputStream(data), data.length, options));
                assertEquals(Kit.sha256(data), put[0].passerelleSha256().orElseThrow(), store.settings().name());
                boolean streams = store.settings().singlePutMax() > 0;
                assertEquals(streams ? 0 : 1, count(trace, "^POST .*uploads"), "multipart only where not streamed: " + store.settings().name());
                assertEquals(streams ? 1 : 0, count(trace, "^x-amz-content-sha256: UNSIGNED-PAYLOAD"), "one streamed PUT: " + store.settings().name());
                assertEquals(1, count(trace, "^x-amz-copy-source:"), "checksums recorded by one self-copy: " + store.settings().name());

                ObjectInfo head = store.head(bucket, "scan", GetOptions.defaults());
                assertEquals(data.length, head.size());
                assertEquals(Kit.sha256(data), head.passerelleSha256().orElseThrow());
                Checksum md5 = head.checksum(ChecksumAlgorithm.MD5).orElseThrow();
                assertEquals(Kit.md5(data), md5.hex());
                assertEquals(Checksum.Source.PASSERELLE, md5.source());
                assertEquals("application/dicom", head.contentType());
                assertEquals(Map.of("patient", "Zoé"), head.userMetadata());
                assertArrayEquals(data, Kit.read(store, bucket, "scan"));
                Kit.deleteContainerAndContents(store, bucket);
            }
        }
    }

    @Test
    void checksumsGivenUpFrontTravelWithThePutAndNeedNoCopy() throws Exception {
        for (S3BlobStore store : stores(Map.of())) {
            String trace = putWithChecksumsUpFront(store, Kit.bytes(9 * MIB, 8));
            if (store.settings().singlePutMax() > 0) {
                assertEquals(1, count(trace, "^x-amz-content-sha256: " + Kit.sha256(Kit.bytes(9 * MIB, 8))),
                        "the payload is signed with the expected SHA-256");
            }
        }
    }

    @Test
    void multipartUploadsWithChecksumsGivenUpFrontNeedNoCopyEither() throws Exception {
        for (S3BlobStore store : stores(Map.of("single-put-max", "0"))) {
            String trace = putWithChecksumsUpFront(store, Kit.bytes(11 * MIB, 9));
            assertEquals(1, count(trace, "^POST .*uploads"), "a multipart upload: " + store.settings().name());
        }
    }

    /**
     * Puts {@code data} with both checksums given as expected values, checks that no self-copy was
     * needed and that both are stored, then closes the store.
     *
     * @return the HTTP trace of the put
     */
    private static String putWithChecksumsUpFront(S3BlobStore store, byte[] data) {
        try (store) {
            String bucket = Kit.randomContainerName();
            store.createContainer(bucket, CallContext.system());
            PutOptions options = PutOptions.builder().expectedSha256(Kit.sha256(data)).expectedMd5(Kit.md5(data)).build();
            String trace = trace(store, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length, options));
            assertEquals(0, count(trace, "^x-amz-copy-source:"), "no self-copy: " + store.settings().name());
            ObjectInfo head = store.head(bucket, "k", GetOptions.defaults());
            assertEquals(Kit.sha256(data), head.passerelleSha256().orElseThrow());
            assertEquals(Kit.md5(data), head.checksum(ChecksumAlgorithm.MD5).orElseThrow().hex());
            assertArrayEquals(data, Kit.read(store, bucket, "k"));
            Kit.deleteContainerAndContents(store, bucket);
            return trace;
        }
    }

    @Test
    void aBadBodyIsCutBeforeItsLastByteAndNothingIsStored() throws Exception {
        byte[] data = Kit.bytes(8 * MIB + 3, 10);
        for (S3BlobStore store : stores(Map.of())) {
            try (store) {
                String bucket = Kit.randomContainerName();
                store.createContainer(bucket, CallContext.system());
                byte[] previous = Kit.bytes(100, 11);
                Kit.put(store, bucket, "k", previous);
                String name = store.settings().name();

                StorageException failed = Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put(bucket, "k",
                        new FailingInputStream(new ByteArrayInputStream(data)), data.length + 10L, PutOptions.defaults()));
                assertEquals("read_failed", failed.code(), name);
                Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length + 1L,
                        PutOptions.defaults()));
                Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length - 1L,
                        PutOptions.defaults()));
                Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length,
                        PutOptions.builder().expectedSha256("0".repeat(64)).build()));
                Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length,
                        PutOptions.builder().expectedMd5("0".repeat(32)).build()));
                Kit.expect(ErrorKind.PRECONDITION_FAILED, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length,
                        PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build()));
                assertArrayEquals(previous, Kit.read(store, bucket, "k"), "the previous object is intact: " + name);

                Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(bucket, "new", new ByteArrayInputStream(data), data.length,
                        PutOptions.builder().expectedSha256("0".repeat(64)).build()));
                Kit.assertAbsent(store, bucket, "new");
                assertEquals(List.of("k"), keysOnceSettled(store, bucket, List.of("k")), "only the previous object is listed: " + name);
                Kit.deleteContainerAndContents(store, bucket);
            }
        }
    }

    /**
     * A prehashed body (its checksums computed by the caller in an earlier read) is not hashed again
     * where it is streamed: it goes unsigned with Content-MD5, and the HOST refuses bytes that are not
     * the ones hashed (a file changed between the two reads). Where the preset does not stream, it is
     * hashed as usual. Either way: CHECKSUM_MISMATCH and the previous object intact.
     */
    @Test
    void aPrehashedBodyIsCheckedByTheHostAgainstItsMd5() throws Exception {
        byte[] data = Kit.bytes(7 * MIB + 11, 12);
        PutOptions prehashed = PutOptions.builder().expectedSha256(Kit.sha256(data)).expectedMd5(Kit.md5(data)).prehashed(true).build();
        for (S3BlobStore store : stores(Map.of())) {
            try (store) {
                String name = store.settings().name();
                String bucket = Kit.randomContainerName();
                store.createContainer(bucket, CallContext.system());
                String trace = trace(store, () -> store.put(bucket, "k", new ByteArrayInputStream(data), data.length, prehashed));
                boolean streams = store.settings().singlePutMax() > 0;
                assertEquals(streams ? 1 : 0, count(trace, "^x-amz-content-sha256: UNSIGNED-PAYLOAD"), "unsigned where streamed: " + name);
                assertEquals(0, count(trace, "^x-amz-copy-source:"), "no self-copy: " + name);
                ObjectInfo head = store.head(bucket, "k", GetOptions.defaults());
                assertEquals(Kit.sha256(data), head.passerelleSha256().orElseThrow(), name);
                assertEquals(Kit.md5(data), head.checksum(ChecksumAlgorithm.MD5).orElseThrow().hex(), name);
                assertArrayEquals(data, Kit.read(store, bucket, "k"), name);

                // the bytes sent are not the ones hashed: one flipped byte, same length
                byte[] changed = data.clone();
                changed[changed.length / 3] ^= 1;
                Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(bucket, "k", new ByteArrayInputStream(changed), changed.length, prehashed));
                assertArrayEquals(data, Kit.read(store, bucket, "k"), "the previous object is intact: " + name);
                Kit.expect(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(bucket, "other", new ByteArrayInputStream(changed), changed.length, prehashed));
                Kit.assertAbsent(store, bucket, "other");
                // the length is still ours to check
                Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store.put(bucket, "other", new ByteArrayInputStream(data), data.length + 1L, prehashed));
                Kit.assertAbsent(store, bucket, "other");
                assertEquals(List.of("k"), keysOnceSettled(store, bucket, List.of("k")), name);
                Kit.deleteContainerAndContents(store, bucket);
            }
        }
    }
}
