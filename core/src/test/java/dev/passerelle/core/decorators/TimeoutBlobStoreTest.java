package dev.passerelle.core.decorators;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.FakeStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeoutBlobStoreTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private final CallContext ctx = CallContext.of("t");
    private FakeStore fake;
    private TimeoutBlobStore store;

    @BeforeEach
    void setUp() {
        fake = new FakeStore("f");
        fake.containers.put("box", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake.containers.get("box").put("k", new byte[] {7, 8});
        store = new TimeoutBlobStore(fake, "slowhost", TIMEOUT, 4);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** Sleeps without reacting to interrupts, like a backend stuck in a non-interruptible call. */
    private static void sleepUninterruptibly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertTimeout(StorageException e) {
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(e.retryable());
        assertEquals("slowhost", e.backend());
    }

    @Test
    void fastCallsPassThrough() {
        assertEquals(2, store.head("box", "k", GetOptions.defaults()).size());
        assertTrue(store.containerExists("box", ctx));
        assertEquals(TIMEOUT, store.timeout());
    }

    @Test
    void aSlowMetadataCallTimesOutAndItsThreadIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        fake.hook = (op, data) -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
        long start = System.nanoTime();
        StorageException e = assertThrows(StorageException.class, () -> store.head("box", "k", GetOptions.defaults()));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTimeout(e);
        assertTrue(ms >= 190 && ms < 2000, "timed out after " + ms + " ms");
        assertTrue(interrupted.await(2, TimeUnit.SECONDS), "the backend thread is interrupted");
    }

    @Test
    void backendErrorsCarryTheBackendName() {
        StorageException e = assertThrows(StorageException.class, () -> store.head("box", "missing", GetOptions.defaults()));
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, e.kind());
        assertEquals("slowhost", e.backend());
    }

    @Test
    void unexpectedBackendExceptionsBecomeInternal() {
        fake.hook = (op, data) -> {
            throw new IllegalStateException("bug in backend");
        };
        StorageException e = assertThrows(StorageException.class, () -> store.listContainers(ctx));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertEquals("slowhost", e.backend());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void aGetThatOpensAfterTheTimeoutIsClosed() throws Exception {
        fake.hook = (op, data) -> sleepUninterruptibly(500);
        assertTimeout(assertThrows(StorageException.class, () -> store.get("box", "k", GetOptions.defaults())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (fake.closedStreams.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, fake.closedStreams.get(), "the late content is released");
    }

    @Test
    void theStreamOfAGetIsNotTimed() throws Exception {
        try (ObjectContent c = store.get("box", "k", GetOptions.defaults())) {
            Thread.sleep(TIMEOUT.toMillis() * 2);
            assertArrayEquals(new byte[] {7, 8}, c.stream().readAllBytes());
        }
    }

    /** A client that sends its body slowly: 6 chunks, 100 ms apart (600 ms in all, 3 timeouts). */
    private static InputStream slowClient(byte[] chunk, int chunks, long pauseMillis) {
        return new InputStream() {
            int sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent == chunks) {
                    return -1;
                }
                sleepUninterruptibly(pauseMillis);
                int n = Math.min(len, chunk.length);
                System.arraycopy(chunk, 0, b, off, n);
                sent++;
                return n;
            }
        };
    }

    @Test
    void aSlowClientIsNotABackendTimeout() {
        store.put("box", "slow", slowClient(new byte[] {1, 2, 3}, 6, 100), 18, PutOptions.defaults());
        assertEquals(18, fake.containers.get("box").get("slow").length);
    }

    @Test
    void aBackendIdleBeforeReadingTimesOutAndCanNeverReadLater() throws Exception {
        AtomicReference<Throwable> lateRead = new AtomicReference<>();
        CountDownLatch tried = new CountDownLatch(1);
        fake.hook = (op, data) -> {
            sleepUninterruptibly(400);
            try {
                data.read();
            } catch (IOException e) {
                lateRead.set(e);
            } finally {
                tried.countDown();
            }
            throw new StorageException(ErrorKind.UNAVAILABLE, "gave up");
        };
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[] {1, 2, 3});
        assertTimeout(assertThrows(StorageException.class, () -> store.put("box", "late", body, 3, PutOptions.defaults())));
        assertTrue(tried.await(3, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, lateRead.get(), "the abandoned thread cannot read the caller's stream");
        assertEquals(3, body.available(), "not one byte was taken from the caller");
        assertNull(fake.containers.get("box").get("late"));
    }

    @Test
    void aBackendStallingAfterTheBodyTimesOut() {
        fake.hook = (op, data) -> {
            FakeStore.drain(data);
            sleepUninterruptibly(600);
            throw new StorageException(ErrorKind.UNAVAILABLE, "never committed");
        };
        long start = System.nanoTime();
        assertTimeout(assertThrows(StorageException.class,
                () -> store.put("box", "stall", new ByteArrayInputStream(new byte[100]), 100, PutOptions.defaults())));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 550);
    }

    @Test
    void tooManyCallsInFlightAreRefused() throws Exception {
        TimeoutBlobStore one = new TimeoutBlobStore(fake, "slowhost", Duration.ofSeconds(5), 1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fake.hook = (op, data) -> {
            if (op.equals("listContainers")) {
                entered.countDown();
                release.await();
            }
        };
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = caller.submit(() -> one.listContainers(ctx));
            assertTrue(entered.await(2, TimeUnit.SECONDS));
            StorageException e = assertThrows(StorageException.class, () -> one.containerExists("box", ctx));
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
            assertTrue(e.retryable());
            release.countDown();
            first.get(2, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            caller.shutdownNow();
            one.close();
        }
    }

    @Test
    void aClosedStoreRefusesCalls() {
        store.close();
        assertTrue(fake.closed);
        StorageException e = assertThrows(StorageException.class, () -> store.containerExists("box", ctx));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertFalse(e.retryable());
    }

    @Test
    void anInterruptedCallerStopsWaiting() throws Exception {
        AtomicBoolean backendInterrupted = new AtomicBoolean();
        CountDownLatch entered = new CountDownLatch(1);
        fake.hook = (op, data) -> {
            entered.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                backendInterrupted.set(true);
                throw e;
            }
        };
        TimeoutBlobStore patient = new TimeoutBlobStore(fake, "slowhost", Duration.ofSeconds(30), 2);
        AtomicReference<StorageException> seen = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                patient.listContainers(ctx);
            } catch (StorageException e) {
                seen.set(e);
            }
        });
        caller.start();
        assertTrue(entered.await(2, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(2000);
        assertFalse(caller.isAlive());
        assertEquals(ErrorKind.UNAVAILABLE, seen.get().kind());
        patient.close();
    }
}
