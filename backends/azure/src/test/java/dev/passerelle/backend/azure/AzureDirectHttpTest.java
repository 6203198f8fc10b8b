package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.testservers.AzuriteServer;
import dev.passerelle.testservers.CuttingProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DirectBlobHttp}, the transport of single-shot uploads and whole-object reads, against a real
 * Azurite behind a proxy that breaks connections in the middle of an answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureDirectHttpTest {
    private static final int SIZE = 8 << 20;
    private AzuriteFixture azurite;
    private CuttingProxy proxy;
    private BlobStore store;

    @BeforeAll
    void start() throws IOException {
        azurite = AzuriteFixture.start();
        proxy = new CuttingProxy(azurite.server().port());
        String cs = "DefaultEndpointsProtocol=http;AccountName=" + AzuriteServer.ACCOUNT + ";AccountKey=" + AzuriteServer.KEY
                + ";BlobEndpoint=http://127.0.0.1:" + proxy.port() + "/" + AzuriteServer.ACCOUNT + ";";
        store = azurite.storeWith("az-direct", Map.of("connection-string", cs, "read-resumes", "2"));
        store.createContainer("direct", null);
    }

    @AfterAll
    void stop() throws IOException {
        if (store != null) {
            store.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    private static byte[] data(int seed) {
        byte[] b = new byte[SIZE];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void theBuiltStoreUsesTheDirectTransportUnlessTurnedOff() {
        assertTrue(((AzureBlobStore) store).usesDirectHttp());
        try (BlobStore sdk = azurite.store("az-sdk", Map.of("direct-http", "false"))) {
            assertFalse(((AzureBlobStore) sdk).usesDirectHttp());
        }
    }

    @Test
    void aReadBrokenMidBodyResumesPinnedAndDeliversEveryByteOnce() throws IOException {
        byte[] data = data(1);
        store.put("direct", "resumed.bin", new ByteArrayInputStream(data), SIZE, PutOptions.defaults());
        int before = proxy.cuts();
        proxy.arm(3 << 20);
        ByteArrayOutputStream got = new ByteArrayOutputStream(SIZE);
        try (ObjectContent c = store.get("direct", "resumed.bin", GetOptions.defaults())) {
            c.stream().transferTo(got);
        }
        assertEquals(before + 1, proxy.cuts(), "the first answer was cut");
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void aBlobReplacedBeforeTheResumeFailsTheReadInsteadOfMixingVersions() throws IOException {
        store.put("direct", "replaced.bin", new ByteArrayInputStream(data(2)), SIZE, PutOptions.defaults());
        try (ObjectContent c = store.get("direct", "replaced.bin", GetOptions.defaults())) {
            InputStream in = c.stream();
            byte[] first = in.readNBytes(1 << 20);
            assertEquals(1 << 20, first.length);
            store.put("direct", "replaced.bin", new ByteArrayInputStream(data(3)), SIZE, PutOptions.defaults());
            proxy.arm(0);
            IOException e = assertThrows(IOException.class, () -> in.transferTo(OutputStreamSink.INSTANCE));
            assertTrue(e.getMessage().contains("changed while it was read"), e.getMessage());
        }
    }

    /** Discards bytes. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
