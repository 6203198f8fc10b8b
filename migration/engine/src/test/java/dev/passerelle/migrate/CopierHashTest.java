package dev.passerelle.migrate;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.io.Hex;
import dev.passerelle.backend.filesystem.FilesystemBlobStore;
import dev.passerelle.backend.filesystem.FilesystemSettings;
import dev.passerelle.core.decorators.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SHA-256 a copy records is of the source bytes as streamed, whether the destination or the copier computed it. */
class CopierHashTest {
    @TempDir
    Path dir;

    private static final CallContext CTX = CallContext.of("test");

    private static BlobStore fs(Path root) throws Exception {
        java.nio.file.Files.createDirectories(root);
        return new FilesystemBlobStore(FilesystemSettings.managed(root));
    }

    private static String sha(byte[] b) throws Exception {
        return Hex.encode(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Endpoint side(String name, BlobStore store, String container) {
        store.createContainer(container, CTX);
        return new Endpoint(new Location(name, container, ""), store, "filesystem", null, Set.of());
    }

    private ObjectResult copyOne(BlobStore src, BlobStore dst, byte[] body, boolean plainSource, RunOptions.VerifyMode verify) throws Exception {
        Endpoint s = side("src", src, "src-bucket");
        Endpoint d = side("dst", dst, "dst-bucket");
        ObjectInfo in = src.put("src-bucket", "k", new ByteArrayInputStream(body), body.length, PutOptions.builder().context(CTX).build());
        RunOptions opts = new RunOptions(RunOptions.Mode.COPY, 1, verify, false, false, KeyFilter.all(),
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)), new Throttle(0), dir.resolve("work"), 1000, false);
        Copier c = new Copier(s, d, opts, null, new Totals(), new Decider(s, d, opts));
        return c.copy(new Entry("k", body.length, in.etag(), plainSource ? null : in.passerelleSha256().orElse(null)), "missing",
                new ObjectMeter(Progress.NONE));
    }

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void theDestinationsShaOfTheStreamedBytesIsRecorded() throws Exception {
        for (RunOptions.VerifyMode v : RunOptions.VerifyMode.values()) {
            byte[] b = body(300_000);
            ObjectResult r = copyOne(fs(dir.resolve("s" + v)),
                    fs(dir.resolve("d" + v)), b, false, v);
            assertEquals(Status.COPIED, r.status(), String.valueOf(r.error()));
            assertEquals(sha(b), r.sha256Source());
            assertEquals(sha(b), r.sha256Destination());
        }
    }

    @Test
    void aDestinationThatReturnsNoShaMakesTheCopierHashAndCopyAgain() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        BlobStore dst = new ForwardingBlobStore(fs(dir.resolve("d"))) {
            @Override
            public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
                puts.incrementAndGet();
                return super.put(container, key, data, length, options).withChecksums(Map.of());
            }
        };
        byte[] b = body(70_000);
        ObjectResult r = copyOne(fs(dir.resolve("s")), dst, b, true, RunOptions.VerifyMode.READBACK);
        assertEquals(Status.COPIED, r.status(), String.valueOf(r.error()));
        assertEquals(sha(b), r.sha256Source());
        assertEquals(2, puts.get(), "copied again with the copier hashing");
    }

    @Test
    void aShaThatIsNotProvablyOfTheStreamedBytesIsNotTrusted() throws Exception {
        BlobStore dst = new ForwardingBlobStore(fs(dir.resolve("d"))) {
            @Override
            public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
                ObjectInfo i = super.put(container, key, data, length, options);
                return new ObjectInfo(i.key(), i.size() + 1, i.etag(), i.contentType(), i.lastModified(), i.userMetadata(), i.checksums());
            }
        };
        byte[] b = body(10_000);
        ObjectResult r = copyOne(fs(dir.resolve("s")), dst, b, true, RunOptions.VerifyMode.NONE);
        // the size does not match what was streamed, so its SHA-256 is not trusted: the copier hashed the bytes
        assertEquals(Status.COPIED, r.status(), String.valueOf(r.error()));
        assertEquals(sha(b), r.sha256Source());
    }

    @Test
    void aCorruptSourceReadStoresNothing() throws Exception {
        // the source's bytes no longer match its stored SHA-256: the destination refuses the put
        BlobStore fs = fs(dir.resolve("s"));
        BlobStore src = new ForwardingBlobStore(fs) {
            @Override
            public ObjectContent get(String container, String key, GetOptions options) {
                ObjectContent c = super.get(container, key, options);
                byte[] all;
                try (c) {
                    all = c.stream().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                all[all.length / 2] ^= 1;
                return new ObjectContent(c.info(), null, new ByteArrayInputStream(all));
            }
        };
        BlobStore dst = fs(dir.resolve("d"));
        ObjectResult r = copyOne(src, dst, body(5_000), false, RunOptions.VerifyMode.NONE);
        assertEquals(Status.FAILED, r.status());
        assertNotNull(r.error());
        assertTrue(dst.listPage("dst-bucket", dev.passerelle.api.ListRequest.all()).objects().isEmpty(), "nothing stored");
        assertTrue(r.attempts() >= 1);
    }

    @Test
    void aLocalSourceIsHashedFirstWhenTheDestinationStoresChecksumsGivenUpFront() throws Exception {
        java.util.List<PutOptions> seen = new java.util.ArrayList<>();
        java.util.function.Function<String, BlobStore> dstAt = name -> {
            try {
                return new ForwardingBlobStore(fs(dir.resolve(name))) {
                    @Override
                    public dev.passerelle.api.Capabilities capabilities() {
                        // like S3 with a part size of 64 KB
                        return super.capabilities().toBuilder().upFrontChecksumsFrom(64_000).build();
                    }

                    @Override
                    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
                        seen.add(options);
                        return super.put(container, key, data, length, options);
                    }
                };
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        BlobStore plain = plainAt("plain");
        assertTrue(plain.capabilities().localReads());

        byte[] large = body(200_000);
        ObjectResult r = copyOne(plain, dstAt.apply("d1"), large, true, RunOptions.VerifyMode.NONE);
        assertEquals(Status.COPIED, r.status(), String.valueOf(r.error()));
        assertEquals(sha(large), seen.get(0).expectedSha256());
        assertEquals(Hex.encode(MessageDigest.getInstance("MD5").digest(large)), seen.get(0).expectedMd5());
        assertTrue(seen.get(0).prehashed(), "said to come from the first read");

        // below the size from which it pays, and from a source that is not local: no first read
        seen.clear();
        ObjectResult small = copyOne(plainAt("plain2"), dstAt.apply("d2"), body(10_000), true, RunOptions.VerifyMode.NONE);
        assertEquals(Status.COPIED, small.status(), String.valueOf(small.error()));
        assertEquals(null, seen.get(0).expectedSha256());
        assertEquals(false, seen.get(0).prehashed());
        seen.clear();
        BlobStore remote = new ForwardingBlobStore(plainAt("remote")) {
            @Override
            public dev.passerelle.api.Capabilities capabilities() {
                return super.capabilities().toBuilder().localReads(false).build();
            }
        };
        ObjectResult far = copyOne(remote, dstAt.apply("d3"), body(150_000), true, RunOptions.VerifyMode.NONE);
        assertEquals(Status.COPIED, far.status(), String.valueOf(far.error()));
        assertEquals(null, seen.get(0).expectedSha256());
    }

    /** A plain-layout store: a directory tree, no stored checksums, local reads. */
    private BlobStore plainAt(String name) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve(name));
        return new FilesystemBlobStore(FilesystemSettings.plain(dir.resolve(name)));
    }
}
