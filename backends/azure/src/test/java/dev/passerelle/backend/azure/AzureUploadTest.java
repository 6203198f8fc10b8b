package dev.passerelle.backend.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Block uploads against a real Azurite, looking at what Azure really holds. Blocks are 64 KiB to make many. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureUploadTest {
    private static final int BLOCK = 64 * 1024;
    private AzuriteFixture azurite;
    private BlobStore store;
    private BlobServiceClient raw;
    private final String container = "uploads";

    @BeforeAll
    void start() {
        azurite = AzuriteFixture.start();
        store = azurite.store("az-upload", Map.of("block-size", "64KiB", "upload-concurrency", "3"));
        raw = azurite.rawClient();
        store.createContainer(container, null);
    }

    @AfterAll
    void stop() {
        if (store != null) {
            store.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    private static byte[] data(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private byte[] read(String key) throws IOException {
        try (ObjectContent c = store.get(container, key, GetOptions.defaults())) {
            return c.stream().readAllBytes();
        }
    }

    private BlockBlobClient rawBlob(String key) {
        return raw.getBlobContainerClient(container).getBlobClient(key).getBlockBlobClient();
    }

    @Test
    void knownAndUnknownLengthsCommitOneBlockListWithChecksumsInMetadata() throws Exception {
        byte[] body = data(10 * BLOCK + 123, 1);
        String sha = Hex.encode(MessageDigest.getInstance("SHA-256").digest(body));
        String md5 = Hex.encode(MessageDigest.getInstance("MD5").digest(body));
        for (long declared : new long[] {body.length, -1}) {
            String key = "multi/" + declared;
            ObjectInfo put = store.put(container, key, new ByteArrayInputStream(body), declared, PutOptions.defaults());
            assertEquals(sha, put.passerelleSha256().orElseThrow());
            assertArrayEquals(body, read(key));
            BlockList blocks = rawBlob(key).listBlocks(BlockListType.ALL);
            assertEquals(11, blocks.getCommittedBlocks().size(), "10 full blocks of 64 KiB and the rest");
            assertEquals(0, blocks.getUncommittedBlocks().size());
            BlobProperties p = rawBlob(key).getProperties();
            assertEquals(sha, p.getMetadata().get(MetadataCodec.SHA256_NAME));
            assertEquals(md5, p.getMetadata().get(MetadataCodec.MD5_NAME));
            assertEquals(md5, Hex.encode(p.getContentMd5()), "Azure's Content-MD5 is set at the commit");
            ObjectInfo head = store.head(container, key, GetOptions.defaults());
            assertEquals(sha, head.passerelleSha256().orElseThrow());
            assertEquals(put.etag(), head.etag());
        }
    }

    @Test
    void aSmallBodyIsOnePutBlobWithAzureCheckingItsMd5() throws Exception {
        byte[] body = data(1000, 2);
        store.put(container, "small", new ByteArrayInputStream(body), -1, PutOptions.defaults());
        assertEquals(0, rawBlob("small").listBlocks(BlockListType.ALL).getCommittedBlocks().size(), "Put Blob, no block list");
        assertEquals(Hex.encode(MessageDigest.getInstance("MD5").digest(body)), Hex.encode(rawBlob("small").getProperties().getContentMd5()));
        assertArrayEquals(body, read("small"));
    }

    @Test
    void aStreamFailingMidwayCommitsNothingAndALaterUploadIsUndisturbed() throws Exception {
        byte[] previous = data(3 * BLOCK, 3);
        store.put(container, "broken", new ByteArrayInputStream(previous), previous.length, PutOptions.defaults());
        String etag = store.head(container, "broken", GetOptions.defaults()).etag();
        for (long declared : new long[] {20L * BLOCK, -1}) {
            InputStream failing = new FailingAfter(data(20 * BLOCK, 4), 12 * BLOCK + 7);
            StorageException e = assertThrows(StorageException.class, () -> store.put(container, "broken", failing, declared, PutOptions.defaults()));
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind(), e.getMessage());
            assertArrayEquals(previous, read("broken"), "the previous object is intact");
            assertEquals(etag, store.head(container, "broken", GetOptions.defaults()).etag());
            assertTrue(rawBlob("broken").listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks().size() > 0,
                    "the aborted upload did stage blocks (so the next assertion means something)");
        }
        byte[] next = data(7 * BLOCK + 5, 5);
        store.put(container, "broken", new ByteArrayInputStream(next), -1, PutOptions.defaults());
        assertArrayEquals(next, read("broken"), "leftover uncommitted blocks do not leak into a later upload");
        assertEquals(8, rawBlob("broken").listBlocks(BlockListType.COMMITTED).getCommittedBlocks().size());
    }

    @Test
    void aLengthMismatchOrChecksumMismatchCommitsNothing() {
        byte[] body = data(5 * BLOCK, 6);
        StorageException shortBody = assertThrows(StorageException.class,
                () -> store.put(container, "mismatch", new ByteArrayInputStream(body), body.length + 1, PutOptions.defaults()));
        assertEquals(ErrorKind.INVALID_ARGUMENT, shortBody.kind());
        StorageException badSha = assertThrows(StorageException.class, () -> store.put(container, "mismatch", new ByteArrayInputStream(body), -1,
                PutOptions.builder().expectedSha256("0".repeat(64)).build()));
        assertEquals(ErrorKind.CHECKSUM_MISMATCH, badSha.kind());
        StorageException missing = assertThrows(StorageException.class, () -> store.head(container, "mismatch", GetOptions.defaults()));
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, missing.kind());
    }

    @Test
    void racingUploadsOnOneKeyEndWithOneWholeVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                byte[] a = data(24 * BLOCK, 100 + round);
                byte[] b = data(24 * BLOCK, 200 + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ObjectInfo>> results = new ArrayList<>();
                for (byte[] body : List.of(a, b)) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.put(container, "race", new ByteArrayInputStream(body), -1, PutOptions.defaults());
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<ObjectInfo> f : results) {
                    try {
                        f.get();
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        StorageException s = (StorageException) e.getCause();
                        assertEquals(ErrorKind.CONFLICT, s.kind(), s.getMessage());
                    }
                }
                assertTrue(won >= 1, "at least one upload wins");
                byte[] stored = read("race");
                assertTrue(Arrays.equals(a, stored) || Arrays.equals(b, stored), "the blob is one whole upload, never a mix");
                ObjectInfo head = store.head(container, "race", GetOptions.defaults());
                String sha = Hex.encode(MessageDigest.getInstance("SHA-256").digest(stored));
                assertEquals(sha, head.checksum(ChecksumAlgorithm.SHA256).orElseThrow().hex(), "metadata belongs to the stored version");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void putConditionsAreAppliedAtTheCommit() {
        byte[] body = data(4 * BLOCK, 7);
        ObjectInfo first = store.put(container, "cond", new ByteArrayInputStream(body), -1, PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build());
        StorageException again = assertThrows(StorageException.class, () -> store.put(container, "cond", new ByteArrayInputStream(body), -1,
                PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build()));
        assertEquals(ErrorKind.PRECONDITION_FAILED, again.kind());
        StorageException stale = assertThrows(StorageException.class, () -> store.put(container, "cond", new ByteArrayInputStream(body), -1,
                PutOptions.builder().conditions(Conditions.ifMatch("0x8D000000000000")).build()));
        assertEquals(ErrorKind.PRECONDITION_FAILED, stale.kind());
        ObjectInfo second = store.put(container, "cond", new ByteArrayInputStream(body), -1, PutOptions.builder().conditions(Conditions.ifMatch(first.etag())).build());
        assertTrue(!second.etag().equals(first.etag()));
        StorageException absent = assertThrows(StorageException.class, () -> store.put(container, "cond-absent", new ByteArrayInputStream(body), -1,
                PutOptions.builder().conditions(Conditions.ifMatch(first.etag())).build()));
        assertEquals(ErrorKind.PRECONDITION_FAILED, absent.kind());
    }

    /** Serves some bytes, then fails, like a client that went away. */
    private static final class FailingAfter extends InputStream {
        private final ByteArrayInputStream in;
        private int left;

        FailingAfter(byte[] data, int failAt) {
            this.in = new ByteArrayInputStream(data);
            this.left = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("simulated client disconnect");
            }
            int n = in.read(b, off, Math.min(len, left));
            left -= n;
            return n;
        }
    }
}
