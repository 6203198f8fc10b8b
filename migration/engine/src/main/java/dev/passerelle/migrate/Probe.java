package dev.passerelle.migrate;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Exercises a backend on a scratch container before it is trusted: put/get of small and multi-part
 * sizes, unknown length, ranges, metadata with non-ASCII values, listing with delimiter and paging,
 * conditional reads, delete; measures throughput; deletes everything it created.
 */
public final class Probe {

    /**
     * One check.
     *
     * @param name what was checked
     * @param ok whether the backend behaved as the contract says
     * @param detail what went wrong, or a measurement
     */
    public record Check(String name, boolean ok, String detail) {
    }

    /** A check body; throws (or returns a failure detail) when the backend breaks the contract. */
    private interface Body {
        String run() throws Exception;
    }

    private final BlobStore store;
    private final long largeSize;
    private final String container = "passerelle-probe-" + UUID.randomUUID().toString().substring(0, 8);
    private final CallContext ctx = CallContext.of("passerelle-migrate-probe");
    private final List<Check> checks = new ArrayList<>();

    /**
     * @param store the backend's store
     * @param largeSize the size of the multi-part object, in bytes
     */
    public Probe(BlobStore store, long largeSize) {
        this.store = store;
        this.largeSize = largeSize;
    }

    /** @return the scratch container's name */
    public String container() {
        return container;
    }

    /**
     * Runs every check, then cleans up.
     *
     * @return the checks, in order
     * @throws StorageException when the scratch container cannot even be created (unreachable backend)
     */
    public List<Check> run() {
        store.createContainer(container, ctx);
        try {
            check("put/get 1 KiB", () -> roundTrip("small", 1024, false));
            check("put/get 0 bytes", () -> roundTrip("empty", 0, false));
            check("put/get " + (largeSize >> 20) + " MiB (multi-part)", () -> roundTrip("large", largeSize, false));
            check("put of unknown length (3 MiB)", () -> roundTrip("unknown-length", 3L << 20, true));
            check("ranged reads", this::ranges);
            check("content type and non-ASCII metadata", this::metadata);
            check("listing with delimiter and paging", this::listing);
            check("listing order as declared (" + store.capabilities().listOrder() + ")", this::listOrder);
            check("conditional reads", this::conditional);
            check("checksum refused on mismatch", this::badChecksum);
            check("cut-off or corrupt " + (largeSize >> 20) + " MiB upload leaves the previous object", this::cutUploads);
            check("delete", this::delete);
        } finally {
            cleanup();
        }
        return checks;
    }

    private void check(String name, Body body) {
        try {
            String detail = body.run();
            checks.add(new Check(name, true, detail));
        } catch (Exception | AssertionError e) {
            checks.add(new Check(name, false, e instanceof StorageException se ? se.code() + ": " + se.getMessage() : String.valueOf(e.getMessage())));
        }
    }

    private static byte[] data(long size, long seed) {
        byte[] b = new byte[(int) size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A deterministic stream of {@code size} bytes that never sits in memory as a whole. */
    private static InputStream generated(long size) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                return pos < size ? (int) ((pos++ * 31 + 7) & 0xff) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ((pos++ * 31 + 7) & 0xff);
                }
                return n;
            }
        };
    }

    private String roundTrip(String key, long size, boolean unknownLength) throws Exception {
        Hashing.HashingStream in = new Hashing.HashingStream(generated(size), null);
        long t0 = System.nanoTime();
        ObjectInfo put = store.put(container, key, in, unknownLength ? -1 : size, PutOptions.builder().context(ctx).build());
        long t1 = System.nanoTime();
        String sha = in.digest().sha256();
        if (put.size() != size) {
            throw new AssertionError("stored " + put.size() + " bytes of " + size);
        }
        Hashing.Digest got;
        try (ObjectContent c = store.get(container, key, GetOptions.of(ctx))) {
            got = Hashing.hash(c.stream(), null);
        }
        long t2 = System.nanoTime();
        if (!got.sha256().equals(sha) || got.length() != size) {
            throw new AssertionError("read back " + got.length() + " bytes with SHA-256 " + got.sha256() + ", expected " + sha);
        }
        String stored = put.passerelleSha256().orElse(null);
        if (store.capabilities().storesChecksums() && !sha.equals(stored)) {
            throw new AssertionError("stored SHA-256 " + stored + " != " + sha);
        }
        if (size < (1 << 20)) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "write %.1f MiB/s, read %.1f MiB/s", size / 1048576.0 / ((t1 - t0) / 1e9),
                size / 1048576.0 / ((t2 - t1) / 1e9));
    }

    private String ranges() throws Exception {
        byte[] b = data(1000, 1);
        store.put(container, "ranges", new ByteArrayInputStream(b), b.length, PutOptions.builder().context(ctx).build());
        expectRange(ByteRange.of(10, 19), Arrays.copyOfRange(b, 10, 20));
        expectRange(ByteRange.suffix(5), Arrays.copyOfRange(b, 995, 1000));
        expectRange(ByteRange.from(990), Arrays.copyOfRange(b, 990, 1000));
        expectRange(ByteRange.of(995, 5000), Arrays.copyOfRange(b, 995, 1000));
        expectError(ErrorKind.INVALID_RANGE, () -> store.get(container, "ranges", GetOptions.of(ctx).withRange(ByteRange.from(1000))).close());
        return null;
    }

    private void expectRange(ByteRange r, byte[] expected) throws Exception {
        try (ObjectContent c = store.get(container, "ranges", GetOptions.of(ctx).withRange(r))) {
            byte[] got = c.stream().readAllBytes();
            if (!Arrays.equals(got, expected)) {
                throw new AssertionError("range " + r + " returned " + got.length + " wrong bytes");
            }
        }
    }

    private String metadata() {
        Map<String, String> meta = Map.of("author", "Élodie Müller", "city", "Besançon ☀", "emoji", "😀");
        store.put(container, "meta", new ByteArrayInputStream(new byte[] {1}), 1,
                PutOptions.builder().contentType("text/plain; charset=utf-8").userMetadata(meta).context(ctx).build());
        ObjectInfo h = store.head(container, "meta", GetOptions.of(ctx));
        if (!meta.equals(h.userMetadata())) {
            throw new AssertionError("metadata came back as " + h.userMetadata());
        }
        if (!"text/plain; charset=utf-8".equals(h.contentType())) {
            throw new AssertionError("content type came back as " + h.contentType());
        }
        return null;
    }

    private String listing() {
        for (String k : List.of("dir/a", "dir/b", "dir/sub/c", "top1", "top2")) {
            store.put(container, "list/" + k, new ByteArrayInputStream(new byte[0]), 0, PutOptions.builder().context(ctx).build());
        }
        ListPage page = store.listPage(container, new ListRequest("list/", "/", null, 1000, null, ctx));
        if (!page.commonPrefixes().equals(List.of("list/dir/")) || page.objects().size() != 2) {
            throw new AssertionError("delimiter listing gave prefixes " + page.commonPrefixes() + " and " + page.objects().size() + " objects");
        }
        List<String> keys = new ArrayList<>();
        int pages = 0;
        for (ListPage p : store.list(container, new ListRequest("list/", null, null, 2, null, ctx))) {
            pages++;
            p.objects().forEach(o -> keys.add(o.key()));
        }
        if (keys.size() != 5 || pages < 3) {
            throw new AssertionError("paged listing gave " + keys.size() + " keys in " + pages + " pages");
        }
        return null;
    }

    private String listOrder() {
        String order = orderOf("order/");
        String root = orderOf("");
        if (order != null || root != null) {
            throw new AssertionError("listed " + (order != null ? order : root) + " (use --sort-listings with this host)");
        }
        return null;
    }

    /** @return null when keys under {@code prefix} list in the declared order, else what was listed */
    private String orderOf(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String k : List.of("a\uFF01", "a\uD83D\uDE00", "a\uE000", "a~", "b\uFF01c", "b\uD83D\uDE00c")) {
            keys.add(prefix + "o-" + k);
            store.put(container, prefix + "o-" + k, new ByteArrayInputStream(new byte[0]), 0, PutOptions.builder().context(ctx).build());
        }
        List<String> listed = new ArrayList<>();
        store.list(container, new ListRequest(prefix + "o-", null, null, 1000, null, ctx)).objects().forEach(o -> listed.add(o.key()));
        keys.sort(store.capabilities().listOrder().comparator());
        return keys.equals(listed) ? null : listed.toString();
    }

    private String conditional() {
        ObjectInfo put = store.put(container, "cond", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.builder().context(ctx).build());
        store.get(container, "cond", GetOptions.of(ctx).withConditions(Conditions.ifMatch(put.etag()))).close();
        expectError(ErrorKind.PRECONDITION_FAILED,
                () -> store.get(container, "cond", GetOptions.of(ctx).withConditions(Conditions.ifMatch("not-the-etag"))).close());
        expectError(ErrorKind.NOT_MODIFIED,
                () -> store.head(container, "cond", GetOptions.of(ctx).withConditions(new Conditions(null, put.etag(), null, null))));
        return null;
    }

    private String badChecksum() {
        expectError(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(container, "bad-sum", new ByteArrayInputStream(new byte[] {9}), 1,
                PutOptions.builder().expectedSha256("0".repeat(64)).context(ctx).build()));
        expectError(ErrorKind.OBJECT_NOT_FOUND, () -> store.head(container, "bad-sum", GetOptions.of(ctx)));
        return null;
    }

    /**
     * A large body that ends one byte short of its declared length, then one that does not match its
     * expected SHA-256: both must fail and leave the previous object as it was. A backend that streams
     * its uploads cuts the request before its last byte, so this is where a host that stores a cut
     * body shows itself.
     */
    private String cutUploads() throws Exception {
        byte[] previous = {4, 2};
        store.put(container, "cut", new ByteArrayInputStream(previous), previous.length, PutOptions.builder().context(ctx).build());
        expectError(ErrorKind.INVALID_ARGUMENT, () -> store.put(container, "cut", generated(largeSize - 1), largeSize,
                PutOptions.builder().context(ctx).build()));
        expectError(ErrorKind.CHECKSUM_MISMATCH, () -> store.put(container, "cut", generated(largeSize), largeSize,
                PutOptions.builder().expectedSha256("0".repeat(64)).context(ctx).build()));
        try (ObjectContent c = store.get(container, "cut", GetOptions.of(ctx))) {
            byte[] got = c.stream().readNBytes(previous.length + 1);
            if (!java.util.Arrays.equals(got, previous)) {
                throw new AssertionError("the host kept " + c.info().size() + " bytes of a failed upload instead of the previous object"
                        + " (the host stores cut uploads: configure this backend not to stream its uploads)");
            }
        }
        return null;
    }

    private String delete() {
        store.put(container, "gone", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.builder().context(ctx).build());
        store.delete(container, "gone", ctx);
        expectError(ErrorKind.OBJECT_NOT_FOUND, () -> store.head(container, "gone", GetOptions.of(ctx)));
        return null;
    }

    private static void expectError(ErrorKind kind, Runnable call) {
        try {
            call.run();
        } catch (StorageException e) {
            if (e.kind() != kind) {
                throw new AssertionError("expected " + kind + " but got " + e.kind() + ": " + e.detail());
            }
            return;
        }
        throw new AssertionError("expected " + kind + " but the call succeeded");
    }

    private void cleanup() {
        try {
            for (ListPage p : store.list(container, new ListRequest(null, null, null, 1000, null, ctx))) {
                for (ObjectInfo o : p.objects()) {
                    store.delete(container, o.key(), ctx);
                }
            }
            store.deleteContainer(container, ctx);
            checks.add(new Check("cleanup", true, null));
        } catch (RuntimeException e) {
            checks.add(new Check("cleanup", false, "scratch container " + container + " left behind: " + e.getMessage()));
        }
    }
}
