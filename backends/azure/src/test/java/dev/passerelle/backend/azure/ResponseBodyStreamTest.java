package dev.passerelle.backend.azure;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response-body adapter on its own: demand, order, failure, stall and cancellation. */
class ResponseBodyStreamTest {
    private static final int ITEM = 16 * 1024;

    private static Flux<ByteBuffer> items(int count, AtomicLong requested, AtomicBoolean cancelled) {
        return Flux.range(0, count)
                .map(i -> {
                    byte[] b = new byte[ITEM];
                    java.util.Arrays.fill(b, (byte) (int) i);
                    return ByteBuffer.wrap(b);
                })
                .doOnRequest(requested::addAndGet)
                .doOnCancel(() -> cancelled.set(true));
    }

    @Test
    void requestsOnlyWhatFitsUnderTheHighWaterMark() throws IOException {
        AtomicLong requested = new AtomicLong();
        try (ResponseBodyStream in = new ResponseBodyStream(items(10_000, requested, new AtomicBoolean()), 256 * 1024, Duration.ofSeconds(5))) {
            // nothing read yet: at most highWater / item buffers were asked for, not the 10,000 available
            assertEquals(16, requested.get());
            byte[] first = in.readNBytes(ITEM);
            assertEquals(0, first[0]);
            assertTrue(requested.get() <= 17, "one more buffer per buffer consumed: " + requested.get());
        }
    }

    @Test
    void deliversEveryByteInOrder() throws IOException {
        try (ResponseBodyStream in = new ResponseBodyStream(items(300, new AtomicLong(), new AtomicBoolean()), 64 * 1024, Duration.ofSeconds(5))) {
            byte[] all = in.readAllBytes();
            assertEquals(300 * ITEM, all.length);
            for (int i = 0; i < 300; i++) {
                assertEquals((byte) i, all[i * ITEM]);
                assertEquals((byte) i, all[i * ITEM + ITEM - 1]);
            }
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aFailingBodyFailsTheRead() {
        Flux<ByteBuffer> body = Flux.concat(Flux.just(ByteBuffer.wrap(new byte[]{1, 2, 3})),
                Flux.error(new IllegalStateException("connection reset")));
        ResponseBodyStream in = new ResponseBodyStream(body, 64 * 1024, Duration.ofSeconds(5));
        byte[] buf = new byte[3];
        assertThrows(IOException.class, () -> {
            assertEquals(3, in.readNBytes(buf, 0, 3));
            assertArrayEquals(new byte[]{1, 2, 3}, buf);
            in.read();
        });
    }

    @Test
    void aStalledBodyFailsAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<ByteBuffer> never = Flux.<ByteBuffer>never().doOnCancel(() -> cancelled.set(true));
        ResponseBodyStream in = new ResponseBodyStream(never, 64 * 1024, Duration.ofMillis(200));
        IOException e = assertThrows(IOException.class, in::read);
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertTrue(cancelled.get());
    }

    @Test
    void closeCancelsWithoutDraining() throws IOException {
        AtomicLong requested = new AtomicLong();
        AtomicBoolean cancelled = new AtomicBoolean();
        ResponseBodyStream in = new ResponseBodyStream(items(100_000, requested, cancelled), 128 * 1024, Duration.ofSeconds(5));
        in.readNBytes(3 * ITEM);
        in.close();
        assertTrue(cancelled.get());
        assertTrue(requested.get() < 20, "requested " + requested.get());
        assertThrows(IOException.class, in::read);
    }
}
