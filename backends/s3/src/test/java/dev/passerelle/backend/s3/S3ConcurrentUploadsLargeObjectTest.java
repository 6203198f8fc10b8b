package dev.passerelle.backend.s3;

import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.io.Hex;
import dev.passerelle.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Eight large multipart uploads ({@code single-put-max=0}) at once through ONE store, default part
 * size (16 MiB) and concurrency (3),
 * in the -Xmx192m surefire execution: without the store-wide buffer budget they would need
 * 8 x 4 x 16 MiB = 512 MiB of buffers; with {@code upload-buffer-memory=96MiB} they wait for
 * buffers instead, and all complete with the right bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ConcurrentUploadsLargeObjectTest {
    private static final long SIZE = 72L << 20;
    private static final int UPLOADS = 8;

    private S3ProxyServer server;
    private Path dir;
    private S3BlobStore store;

    @BeforeAll
    void start() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (maxHeap > 256L * 1024 * 1024) {
            throw new IllegalStateException("run this test with a small heap (-Xmx192m, the pom's large-objects execution); max heap is " + maxHeap);
        }
        dir = Files.createTempDirectory("passerelle-s3proxy-concurrent");
        server = new S3ProxyServer(dir);
        server.start();
        store = TestStores.store(TestStores.s3proxy(server, "s3-concurrent", "minio", Map.of("upload-buffer-memory", "96MiB", "single-put-max", "0")));
        store.createContainer("concurrent", null);
    }

    @AfterAll
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }

    @Test
    void concurrentLargeUploadsShareTheBudget() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADS);
        try {
            List<Future<ObjectInfo>> done = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                int seed = i;
                // half known length, half unknown (-1)
                long declared = i % 2 == 0 ? SIZE : -1;
                done.add(pool.submit(() -> store.put("concurrent", "big-" + seed, new SeededStream(seed, SIZE), declared, PutOptions.defaults())));
            }
            for (int i = 0; i < UPLOADS; i++) {
                ObjectInfo info = done.get(i).get();
                String expected = SeededStream.sha256(i, SIZE);
                assertEquals(SIZE, info.size());
                assertEquals(expected, info.passerelleSha256().orElseThrow());
                ObjectInfo head = store.head("concurrent", "big-" + i, GetOptions.defaults());
                assertEquals(expected, head.passerelleSha256().orElseThrow(), "recorded with the object");
            }
            try (var c = store.get("concurrent", "big-3", GetOptions.defaults())) {
                assertEquals(SeededStream.sha256(3, SIZE), sha256(c.stream()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            md.update(buf, 0, n);
        }
        return Hex.encode(md.digest());
    }

    /** A deterministic pseudo-random body of any length, generated as it is read (no memory). */
    static final class SeededStream extends InputStream {
        private long state;
        private long remaining;

        SeededStream(long seed, long length) {
            this.state = seed * 0x9E3779B97F4A7C15L + 1;
            this.remaining = length;
        }

        static String sha256(long seed, long length) throws Exception {
            return S3ConcurrentUploadsLargeObjectTest.sha256(new SeededStream(seed, length));
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            remaining -= n;
            return n;
        }
    }
}
