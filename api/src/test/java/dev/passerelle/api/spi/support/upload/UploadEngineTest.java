package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.VerifyingInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload engine on its own, against a fake host that records every call (pure logic: no network). */
class UploadEngineTest {
    private static final int PART = 1024;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A host that keeps parts in memory, sends them after a short random delay, and can be told to fail one. */
    private class FakeHost implements UploadTarget<Integer, byte[]> {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, byte[]> parts = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile long peakHeld;
        UploadBufferPool pool;
        long budget;
        int failPart = -1;
        final Random random = new Random(7);

        @Override
        public byte[] putWhole(List<Chunk> body, VerifyingInputStream verified) {
            assertTrue(verified.isComplete(), "verified before the commit");
            calls.add("putWhole:" + body.size());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.forEach(c -> out.write(c.data(), 0, c.length()));
            return out.toByteArray();
        }

        @Override
        public String initiate() {
            calls.add("initiate");
            return "u1";
        }

        @Override
        public CompletableFuture<Integer> uploadPart(String uploadId, int partNumber, Chunk part) {
            assertEquals("u1", uploadId);
            calls.add("part:" + partNumber);
            sampleMemory();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            byte[] copy = Arrays.copyOf(part.data(), part.length());
            int delay = random.nextInt(5);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                if (partNumber == failPart) {
                    throw new IllegalStateException("part " + partNumber + " refused");
                }
                parts.put(partNumber, copy);
                return partNumber;
            }, threads);
        }

        @Override
        public byte[] complete(String uploadId, List<Integer> numbers, VerifyingInputStream verified) {
            assertTrue(verified.isComplete(), "verified before the commit");
            calls.add("complete:" + numbers.size());
            assertEquals(inFlight.get(), 0, "no part in flight at the commit");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(i + 1, numbers.get(i), "parts in order");
                out.writeBytes(parts.get(numbers.get(i)));
            }
            return out.toByteArray();
        }

        @Override
        public void abort(String uploadId) {
            calls.add("abort");
            assertEquals(0, inFlight.get(), "no part in flight at the abort");
        }

        void sampleMemory() {
            if (pool != null) {
                peakHeld = Math.max(peakHeld, budget - pool.available());
            }
        }

        boolean committed() {
            return calls.stream().anyMatch(c -> c.startsWith("complete") || c.startsWith("putWhole"));
        }
    }

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static VerifyingInputStream verifying(InputStream in, long length) {
        return new VerifyingInputStream(in, length, Long.MAX_VALUE, null, null);
    }

    private byte[] upload(FakeHost host, byte[] data, long declared, UploadPlan plan) throws IOException {
        host.pool = plan.pool();
        host.budget = plan.pool().available();
        return UploadEngine.upload(verifying(new ByteArrayInputStream(data), declared), declared, plan, host);
    }

    private static UploadPlan s3Like(long budget) {
        return new UploadPlan(PART, 1, 4, 10_000, new UploadBufferPool(budget, PART));
    }

    @Test
    void smallBodiesOfKnownAndUnknownLengthAreOnePutWhole() throws Exception {
        for (int n : new int[] {0, 1, PART - 1, PART}) {
            for (long declared : new long[] {n, -1}) {
                FakeHost host = new FakeHost();
                byte[] data = body(n);
                assertArrayEquals(data, upload(host, data, declared, s3Like(16 * PART)));
                assertEquals(List.of("putWhole:1"), host.calls, n + " bytes, declared " + declared);
            }
        }
    }

    @Test
    void aLongerBodyGoesInOrderedPartsOfThePartSize() throws Exception {
        for (long declared : new long[] {37 * PART + 5, -1}) {
            FakeHost host = new FakeHost();
            byte[] data = body(37 * PART + 5);
            assertArrayEquals(data, upload(host, data, declared, s3Like(16 * PART)));
            assertEquals("initiate", host.calls.get(0));
            assertEquals("complete:38", host.calls.get(host.calls.size() - 1));
            assertEquals(PART, host.parts.get(1).length);
            assertEquals(5, host.parts.get(38).length);
            assertFalse(host.calls.contains("abort"));
        }
    }

    @Test
    void aBodyThatEndsWithinTheWholePartsIsOnePutWholeOfSeveralBuffers() throws Exception {
        UploadPlan azureLike = UploadPlan.ownMemory(PART, 4, 4, 50_000);
        for (long declared : new long[] {4 * PART, -1}) {
            FakeHost host = new FakeHost();
            byte[] data = body(4 * PART);
            assertArrayEquals(data, upload(host, data, declared, azureLike));
            assertEquals(List.of("putWhole:4"), host.calls, "declared " + declared);
        }
        FakeHost host = new FakeHost();
        byte[] data = body(4 * PART + 1);
        assertArrayEquals(data, upload(host, data, -1, UploadPlan.ownMemory(PART, 4, 4, 50_000)));
        assertEquals("complete:5", host.calls.get(host.calls.size() - 1));
    }

    @Test
    void memoryIsAtMostPartsInMemoryTimesPartSizeAndAllOfItComesBack() throws Exception {
        for (long declared : new long[] {200 * PART, -1}) {
            UploadPlan plan = s3Like(1000L * PART);
            FakeHost host = new FakeHost();
            byte[] data = body(200 * PART);
            assertArrayEquals(data, upload(host, data, declared, plan));
            assertTrue(host.peakHeld <= 4L * PART, "peak " + host.peakHeld + " bytes, declared " + declared);
            assertTrue(host.maxInFlight.get() <= 4, "in flight " + host.maxInFlight.get());
            assertTrue(host.maxInFlight.get() >= 2, "parts do go in parallel");
            plan.pool().trim();
            assertEquals(1000L * PART, plan.pool().available(), "every buffer back");
        }
    }

    @Test
    void aBudgetOfExactlyOnePlanIsEnoughAndSharedByConcurrentUploads() throws Exception {
        UploadBufferPool shared = new UploadBufferPool(4L * PART, PART);
        List<CompletableFuture<byte[]>> uploads = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                byte[] data = body(50 * PART + i);
                bodies.add(data);
                long declared = i == 1 ? -1 : data.length;
                FakeHost host = new FakeHost();
                uploads.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return UploadEngine.upload(verifying(new ByteArrayInputStream(data), declared), declared,
                                new UploadPlan(PART, 1, 4, 10_000, shared), host);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, callers));
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(bodies.get(i), uploads.get(i).join());
            }
        } finally {
            callers.shutdownNow();
        }
        shared.trim();
        assertEquals(4L * PART, shared.available());
    }

    @Test
    void oneFailedPartAbortsAndNothingIsCommitted() {
        for (long declared : new long[] {40 * PART, -1}) {
            FakeHost host = new FakeHost();
            host.failPart = 3;
            UploadPlan plan = s3Like(16 * PART);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> upload(host, body(40 * PART), declared, plan));
            assertEquals("part 3 refused", e.getMessage(), "the part's own failure");
            assertEquals(1, host.calls.stream().filter("abort"::equals).count());
            assertFalse(host.committed());
            assertTrue(host.calls.size() < 40, "reading stopped soon after the failure: " + host.calls.size());
            plan.pool().trim();
            assertEquals(16L * PART, plan.pool().available(), "every buffer back");
        }
    }

    @Test
    void aSourceThatFailsMidwayAbortsAndNothingIsCommitted() {
        for (long declared : new long[] {40 * PART, -1}) {
            FakeHost host = new FakeHost();
            InputStream failing = new InputStream() {
                private int left = 10 * PART + 3;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) {
                        throw new IOException("connection reset by peer");
                    }
                    return 'x';
                }
            };
            UploadPlan plan = s3Like(16 * PART);
            host.pool = plan.pool();
            IOException e = assertThrows(IOException.class,
                    () -> UploadEngine.upload(verifying(failing, declared), declared, plan, host));
            assertEquals("connection reset by peer", e.getMessage());
            assertEquals("abort", host.calls.get(host.calls.size() - 1));
            assertFalse(host.committed());
            plan.pool().trim();
            assertEquals(16L * PART, plan.pool().available());
        }
    }

    @Test
    void aBodyShorterOrLongerThanDeclaredIsNeverCommitted() {
        for (int actual : new int[] {10 * PART, 10 * PART + 2, 3, 5}) {
            long declared = actual > PART ? 10 * PART + 1 : 4;
            FakeHost host = new FakeHost();
            StorageException e = assertThrows(StorageException.class, () -> upload(host, body(actual), declared, s3Like(16 * PART)));
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
            assertFalse(host.committed(), host.calls.toString());
            assertEquals(actual > PART, host.calls.contains("abort"));
        }
    }

    @Test
    void anUnknownLengthBeyondTheHostsPartCountIsRefusedAndAborted() {
        FakeHost host = new FakeHost();
        UploadPlan plan = new UploadPlan(PART, 1, 3, 5, new UploadBufferPool(8 * PART, PART));
        StorageException e = assertThrows(StorageException.class, () -> upload(host, body(5 * PART + 1), -1, plan));
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, e.kind());
        assertTrue(host.calls.contains("abort"));
        assertFalse(host.committed());
    }

    @Test
    void aFailedCommitIsAbortedAndAFailedInitiateSendsNothing() {
        RuntimeException refused = new IllegalStateException("precondition failed");
        FakeHost commitFails = new FakeHost() {
            @Override
            public byte[] complete(String uploadId, List<Integer> numbers, VerifyingInputStream verified) {
                throw refused;
            }
        };
        assertSame(refused, assertThrows(RuntimeException.class, () -> upload(commitFails, body(3 * PART), -1, s3Like(8 * PART))));
        assertEquals("abort", commitFails.calls.get(commitFails.calls.size() - 1));
        FakeHost initiateFails = new FakeHost() {
            @Override
            public String initiate() {
                throw refused;
            }
        };
        UploadPlan plan = s3Like(8 * PART);
        assertSame(refused, assertThrows(RuntimeException.class, () -> upload(initiateFails, body(3 * PART), -1, plan)));
        assertEquals(List.of(), initiateFails.calls);
        plan.pool().trim();
        assertEquals(8L * PART, plan.pool().available(), "the first part's reservation came back");
    }

    /** A streamed request drained by another thread, as an HTTP client does. */
    private final class FakeStream implements StreamTarget<byte[], byte[]> {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<byte[]> start(ChunkPipe body) {
            return CompletableFuture.supplyAsync(() -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    body.drainTo(out::write);
                } catch (IOException e) {
                    calls.add("cut");
                    throw new IllegalStateException(e);
                }
                calls.add("stored");
                return out.toByteArray();
            }, threads);
        }

        @Override
        public void beforeLastByte() {
            calls.add("beforeLastByte");
        }

        @Override
        public byte[] finish(CompletableFuture<byte[]> answer, VerifyingInputStream verified) {
            calls.add("finish");
            return answer.join();
        }
    }

    @Test
    void aStreamedBodyHoldsItsLastByteUntilVerifiedAndIsCutOtherwise() throws Exception {
        byte[] data = body(3 * UploadEngine.STREAM_CHUNK_SIZE * 2 + 17);
        FakeStream ok = new FakeStream();
        assertArrayEquals(data, UploadEngine.stream(verifying(new ByteArrayInputStream(data), data.length), ok));
        assertEquals("beforeLastByte", ok.calls.get(0), "checked before the last byte went");
        assertTrue(ok.calls.containsAll(List.of("stored", "finish")), ok.calls.toString());
        FakeStream shortBody = new FakeStream();
        assertThrows(StorageException.class, () -> UploadEngine.stream(verifying(new ByteArrayInputStream(data), data.length + 1), shortBody));
        assertEquals(List.of("cut"), shortBody.calls, "cut before the last byte, never finished");
    }

    @Test
    void partSizeGrowsInWholeMiBSoThatTheHostsPartCountSuffices() {
        long mib = 1L << 20;
        assertEquals(16 * mib, PartSizing.partSize(-1, 16 * mib, 10_000, 5L << 30));
        assertEquals(16 * mib, PartSizing.partSize(10_000 * 16 * mib, 16 * mib, 10_000, 5L << 30));
        assertEquals(17 * mib, PartSizing.partSize(10_000 * 16 * mib + 1, 16 * mib, 10_000, 5L << 30));
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, assertThrows(StorageException.class,
                () -> PartSizing.partSize(10_000L * (5L << 30) + 1, 16 * mib, 10_000, 5L << 30)).kind());
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, assertThrows(StorageException.class, () -> PartSizing.bufferSize(3L << 30)).kind());
    }
}
