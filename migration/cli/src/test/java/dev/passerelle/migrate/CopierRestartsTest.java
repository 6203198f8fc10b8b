package dev.passerelle.migrate;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.backend.filesystem.FilesystemBlobStore;
import dev.passerelle.backend.filesystem.FilesystemSettings;
import dev.passerelle.core.decorators.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The copier restarts a whole object only on what a call retry cannot mend, at most --retries times, and its loops never nest. */
class CopierRestartsTest {
    private static final CallContext CTX = CallContext.of("test");
    private static final int ATTEMPTS = 3;

    @TempDir
    Path dir;
    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();

    private static BlobStore fs(Path root) throws IOException {
        Files.createDirectories(root);
        return new FilesystemBlobStore(FilesystemSettings.managed(root));
    }

    private ObjectResult copy(BlobStore dst) throws IOException {
        BlobStore src = fs(dir.resolve("s"));
        src.createContainer("src", CTX);
        dst.createContainer("dst", CTX);
        byte[] body = new byte[20_000];
        new Random(3).nextBytes(body);
        ObjectInfo in = src.put("src", "k", new ByteArrayInputStream(body), body.length, PutOptions.builder().context(CTX).build());
        Endpoint s = new Endpoint(new Location("s", "src", ""), src, "filesystem", null, Set.of());
        Endpoint d = new Endpoint(new Location("d", "dst", ""), dst, "filesystem", null, Set.of());
        RunOptions opts = new RunOptions(RunOptions.Mode.COPY, 1, RunOptions.VerifyMode.READBACK, false, false, KeyFilter.all(),
                new RetryPolicy(ATTEMPTS, Duration.ofMillis(1), Duration.ofMillis(2)), new Throttle(0), dir.resolve("work"), 1000, false);
        return new Copier(s, d, opts, null, new Totals(), new Decider(s, d, opts))
                .copy(new Entry("k", body.length, in.etag(), in.passerelleSha256().orElse(null)), "missing", new ObjectMeter(Progress.NONE));
    }

    @Test
    void aReadBackCutMidBodyRestartsTheCopyAndIsNotRetriedInsideIt() throws IOException {
        BlobStore dst = new ForwardingBlobStore(fs(dir.resolve("d"))) {
            @Override
            public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
                puts.incrementAndGet();
                return super.put(container, key, data, length, options);
            }

            @Override
            public ObjectContent get(String container, String key, GetOptions options) {
                gets.incrementAndGet();
                ObjectContent c = super.get(container, key, options);
                return new ObjectContent(c.info(), c.range(), new FilterInputStream(c.stream()) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        throw new IOException("connection reset mid-body");
                    }

                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset mid-body");
                    }
                });
            }
        };
        ObjectResult r = copy(dst);
        assertEquals(Status.FAILED, r.status());
        assertEquals(ATTEMPTS, r.attempts());
        assertEquals(ATTEMPTS, puts.get());
        assertEquals(ATTEMPTS, gets.get(), "one read-back per copy attempt (it was attempts x attempts)");
    }

    @Test
    void anErrorTheCallLayerSpentItsAttemptsOnDoesNotRestartTheCopy() throws IOException {
        BlobStore dst = new ForwardingBlobStore(fs(dir.resolve("d"))) {
            @Override
            public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
                puts.incrementAndGet();
                throw new StorageException(ErrorKind.UNAVAILABLE, "503, 503, 503").exhausted(3);
            }
        };
        ObjectResult r = copy(dst);
        assertEquals(Status.FAILED, r.status());
        assertEquals(1, r.attempts());
        assertEquals(1, puts.get());
    }

    @Test
    void aPutThatFailedAfterReadingItsStreamIsCopiedAgainFromTheSource() throws IOException {
        BlobStore dst = new ForwardingBlobStore(fs(dir.resolve("d"))) {
            @Override
            public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
                if (puts.incrementAndGet() == 1) {
                    try {
                        data.readNBytes(100);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    throw new StorageException(ErrorKind.UNAVAILABLE, "reset after the first bytes");
                }
                return super.put(container, key, data, length, options);
            }
        };
        ObjectResult r = copy(dst);
        assertEquals(Status.COPIED, r.status(), String.valueOf(r.error()));
        assertEquals(2, r.attempts());
        assertEquals(2, puts.get());
    }
}
