package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads streamed as ONE Get Blob request (read-mode stream), counted on the wire by a wrapping HTTP
 * client, against a real Azurite; the blocks mode, for comparison, sends one request per block.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureStreamedReadTest {
    private static final int SIZE = 64 << 20;
    private static final String CONTAINER = "streamed";
    private static final String KEY = "big/one.bin";

    private final CountingHttpClient http = new CountingHttpClient();
    private AzuriteFixture azurite;
    private BlobStore store;
    private byte[] data;

    @BeforeAll
    void start() {
        azurite = AzuriteFixture.start();
        store = counted("az-stream", Map.of());
        store.createContainer(CONTAINER, null);
        data = new byte[SIZE];
        new Random(42).nextBytes(data);
        store.put(CONTAINER, KEY, new java.io.ByteArrayInputStream(data), SIZE, PutOptions.defaults());
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

    @BeforeEach
    void reset() {
        http.reset();
    }

    private BlobStore counted(String name, Map<String, String> extra) {
        AzureHttpClients.use(http.factory());
        try {
            Map<String, String> m = new HashMap<>(extra);
            m.put("read-buffer", "1MiB");
            // the SDK's read modes: what direct-http=false runs (with it on, whole reads go direct, ADR 0011)
            m.putIfAbsent("direct-http", "false");
            return azurite.store(name, m);
        } finally {
            AzureHttpClients.use(null);
        }
    }

    @Test
    void wholeObjectIsOneGet() throws Exception {
        try (ObjectContent c = store.get(CONTAINER, KEY, GetOptions.defaults())) {
            assertEquals(SIZE, c.info().size());
            assertArrayEquals(sha(data), sha(c.stream()));
        }
        assertEquals(1, http.gets.get(), "one GET for a 64 MiB blob");
        assertEquals(0, http.heads.get(), "the properties come from the GET's response, no HEAD");
    }

    @Test
    void blocksModeSendsOneRequestPerBlock() throws Exception {
        BlobStore blocks = counted("az-blocks", Map.of("read-mode", "blocks", "read-block-size", "4MiB"));
        try (ObjectContent c = blocks.get(CONTAINER, KEY, GetOptions.defaults())) {
            assertArrayEquals(sha(data), sha(c.stream()));
        } finally {
            blocks.close();
        }
        assertEquals(16, http.gets.get(), "64 MiB in 4 MiB blocks");
    }

    @Test
    void rangedReadIsOneHeadAndOneGet() throws Exception {
        long first = 3_000_001;
        long last = first + (20 << 20) - 1;
        try (ObjectContent c = store.get(CONTAINER, KEY, GetOptions.defaults().withRange(ByteRange.of(first, last)))) {
            byte[] got = c.stream().readAllBytes();
            assertArrayEquals(Arrays.copyOfRange(data, (int) first, (int) last + 1), got);
        }
        assertEquals(1, http.gets.get());
        assertEquals(1, http.heads.get(), "a range needs the size first (suffix ranges)");
    }

    @Test
    void closingEarlyCancelsTheTransfer() throws Exception {
        long started = System.nanoTime();
        try (ObjectContent c = store.get(CONTAINER, KEY, GetOptions.defaults())) {
            InputStream in = c.stream();
            byte[] buf = new byte[1 << 20];
            int n = in.readNBytes(buf, 0, buf.length);
            assertEquals(buf.length, n);
            assertArrayEquals(Arrays.copyOf(data, n), buf);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(1, http.cancelled.get(), "the body's subscription is cancelled on close");
        assertTrue(http.bodyBytes.get() < SIZE / 4, "the rest of the blob is not downloaded: got " + http.bodyBytes.get() + " bytes");
        assertTrue(ms < 10_000, "close does not drain the body (" + ms + " ms)");
        // the store still works: the connection was released, not leaked
        try (ObjectContent c = store.get(CONTAINER, KEY, GetOptions.defaults())) {
            assertArrayEquals(sha(data), sha(c.stream()));
        }
    }

    @Test
    void failedConditionCancelsTheBodyAndMapsTheError() {
        ObjectInfo info = store.head(CONTAINER, KEY, GetOptions.defaults());
        http.reset();
        StorageException e = assertThrows(StorageException.class,
                () -> store.get(CONTAINER, KEY, GetOptions.defaults().withConditions(new Conditions(null, info.etag(), null, null))));
        assertEquals(ErrorKind.NOT_MODIFIED, e.kind());
        assertEquals(1, http.gets.get());
        assertTrue(http.bodyBytes.get() < SIZE / 4, "the body is not read: " + http.bodyBytes.get());
        StorageException missing = assertThrows(StorageException.class, () -> store.get(CONTAINER, "nope", GetOptions.defaults()));
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, missing.kind());
    }

    @Test
    void autoModeStreamsOnlyWhenTheClientHonoursBackPressure() {
        dev.passerelle.api.spi.BackendSettings s = new dev.passerelle.api.spi.BackendSettings("x", Map.of("type", "azure"));
        assertTrue(AzureOptions.from(s, true).streamReads());
        assertEquals(false, AzureOptions.from(s, false).streamReads());
        assertTrue(AzureOptions.from(new dev.passerelle.api.spi.BackendSettings("x", Map.of("read-mode", "stream")), false).streamReads());
        assertThrows(dev.passerelle.api.spi.ConfigException.class,
                () -> AzureOptions.from(new dev.passerelle.api.spi.BackendSettings("x", Map.of("read-mode", "fast")), true));
    }

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static byte[] sha(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }
}
