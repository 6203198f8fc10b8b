package dev.passerelle.testkit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.io.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Streams an object of {@link #largeObjectSize()} (at least 300 MiB) of deterministic pseudo-random
 * bytes through put and back through get, comparing SHA-256s, while the test JVM runs with a small
 * heap: a backend that buffers whole objects fails with OutOfMemoryError. Backend modules run classes
 * named {@code *LargeObjectTest} in a separate surefire execution with {@code -Xmx192m}, and any test
 * server must run as a separate process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LargeObjectTest {
    /** The default size: 300 MiB and a few bytes, so no power-of-two boundary hides a bug. */
    public static final long DEFAULT_SIZE = 300L * 1024 * 1024 + 4099;

    private BlobStore store;
    private String container;

    /**
     * @return the store under test; called once; the kit closes it
     * @throws Exception when it cannot be built
     */
    protected abstract BlobStore createStore() throws Exception;

    /** @return the object size; never below 300 MiB */
    protected long largeObjectSize() {
        return DEFAULT_SIZE;
    }

    /** @return whether to also stream one object of unknown length (-1); default true */
    protected boolean testUnknownLength() {
        return true;
    }

    /**
     * Hook run after the store was closed (e.g. to stop a server).
     *
     * @throws Exception on failure
     */
    protected void afterAllTests() throws Exception {
    }

    @BeforeAll
    final void startStore() throws Exception {
        if (largeObjectSize() < 300L * 1024 * 1024) {
            throw new IllegalStateException("the large object must be at least 300 MiB");
        }
        store = Objects.requireNonNull(createStore(), "createStore() returned null");
        container = Kit.randomContainerName();
        store.createContainer(container, Kit.ctx());
    }

    @AfterAll
    final void stopStore() throws Exception {
        try {
            if (store != null) {
                Kit.deleteContainerAndContents(store, container);
                store.close();
            }
        } finally {
            afterAllTests();
        }
    }

    @Test
    void largeObjectOfKnownLengthStreamsThroughPutAndGet() throws Exception {
        roundTrip("large/known", largeObjectSize(), 7001);
    }

    @Test
    void largeObjectOfUnknownLengthStreamsThroughPutAndGet() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(testUnknownLength(), "unknown-length large object disabled by the backend test");
        roundTrip("large/unknown", -1, 7002);
    }

    private void roundTrip(String key, long declaredLength, long seed) throws Exception {
        long size = largeObjectSize();
        MessageDigest putDigest = sha256();
        long started = System.nanoTime();
        ObjectInfo put;
        try (InputStream in = new DigestInputStream(new PseudoRandomInputStream(seed, size), putDigest)) {
            put = store.put(container, key, in, declaredLength, PutOptions.defaults());
        }
        long putNanos = System.nanoTime() - started;
        String expected = Hex.encode(putDigest.digest());
        assertEquals(size, put.size());
        put.passerelleSha256().ifPresent(sha -> assertEquals(expected, sha, "SHA-256 reported by put"));

        started = System.nanoTime();
        MessageDigest getDigest = sha256();
        long count;
        try (ObjectContent content = store.get(container, key, GetOptions.defaults())) {
            count = drain(content.stream(), getDigest);
        }
        long getNanos = System.nanoTime() - started;
        assertEquals(size, count, "bytes read back");
        assertEquals(expected, Hex.encode(getDigest.digest()), "SHA-256 of the bytes read back");
        System.out.printf("large object %s: %d bytes, put %.1f MiB/s, get %.1f MiB/s, max heap %d MiB%n", key, size,
                mibPerSecond(size, putNanos), mibPerSecond(size, getNanos), Runtime.getRuntime().maxMemory() >> 20);

        if (store.capabilities().rangedReads()) {
            byte[] tail = new byte[1000];
            try (InputStream gen = new PseudoRandomInputStream(seed, size)) {
                gen.skipNBytes(size - tail.length);
                assertEquals(tail.length, gen.readNBytes(tail, 0, tail.length));
            }
            try (ObjectContent content = store.get(container, key, GetOptions.defaults().withRange(ByteRange.suffix(tail.length)))) {
                assertArrayEquals(tail, Kit.readAll(content), "the last bytes, by a suffix range");
            }
        }
        store.delete(container, key, Kit.ctx());
    }

    private static long drain(InputStream in, MessageDigest digest) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long count = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            digest.update(buf, 0, n);
            count += n;
        }
        return count;
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / Math.max(1e-9, nanos / 1e9);
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}
