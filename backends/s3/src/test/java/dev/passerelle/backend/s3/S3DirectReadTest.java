package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.testservers.CuttingProxy;
import dev.passerelle.testservers.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DirectS3Http}, the transport of whole-object reads, against a real S3Proxy behind a proxy
 * that breaks connections in the middle of an answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3DirectReadTest {
    private static final int SIZE = 8 << 20;
    private Path dir;
    private S3ProxyServer server;
    private CuttingProxy proxy;
    private S3BlobStore store;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("passerelle-s3-direct");
        server = new S3ProxyServer(dir);
        server.start();
        proxy = new CuttingProxy(server.port());
        Map<String, String> extra = new HashMap<>();
        extra.put("endpoint", "http://127.0.0.1:" + proxy.port());
        store = TestStores.store(TestStores.s3proxy(server, "s3-direct", "minio", extra));
        store.createContainer("direct", null);
    }

    @AfterAll
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }

    private static byte[] data(int seed) {
        byte[] b = new byte[SIZE];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void theBuiltStoreReadsDirectlyUnlessTurnedOff() {
        assertTrue(store.usesDirectReads());
        try (S3BlobStore minio = TestStores.store(TestStores.s3proxy(server, "s3-minio", "minio", Map.of("direct-http", "false")))) {
            assertFalse(minio.usesDirectReads());
        }
    }

    @Test
    void aMissingObjectIsNotFound() {
        StorageException e = assertThrows(StorageException.class, () -> store.get("direct", "nothing-here", GetOptions.defaults()));
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, e.kind());
    }

    @Test
    void aReadBrokenMidBodyResumesPinnedAndDeliversEveryByteOnce() throws IOException {
        byte[] data = data(1);
        store.put("direct", "dir/resumed é.bin", new ByteArrayInputStream(data), SIZE, PutOptions.defaults());
        int before = proxy.cuts();
        proxy.arm(3 << 20);
        ByteArrayOutputStream got = new ByteArrayOutputStream(SIZE);
        try (ObjectContent c = store.get("direct", "dir/resumed é.bin", GetOptions.defaults())) {
            c.stream().transferTo(got);
        }
        assertEquals(before + 1, proxy.cuts(), "the first answer was cut");
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void anObjectReplacedBeforeTheResumeFailsTheReadInsteadOfMixingVersions() throws IOException {
        store.put("direct", "replaced.bin", new ByteArrayInputStream(data(2)), SIZE, PutOptions.defaults());
        try (ObjectContent c = store.get("direct", "replaced.bin", GetOptions.defaults())) {
            InputStream in = c.stream();
            assertEquals(1 << 20, in.readNBytes(1 << 20).length);
            store.put("direct", "replaced.bin", new ByteArrayInputStream(data(3)), SIZE, PutOptions.defaults());
            proxy.arm(0);
            IOException e = assertThrows(IOException.class, () -> in.transferTo(OutputStream.nullOutputStream()));
            assertTrue(e.getMessage().contains("changed while it was read"), e.getMessage());
        }
    }
}
