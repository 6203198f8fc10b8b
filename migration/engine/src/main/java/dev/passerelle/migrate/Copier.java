package dev.passerelle.migrate;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;

import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Copies one object: streams the source into the destination's put (no temporary file, constant
 * memory), taking the SHA-256 of the source bytes from the destination's put, which hashes exactly
 * the bytes it read from the stream (hashing here only for a destination that returns none); passes
 * the source's Passerelle SHA-256 (and MD5) as the expected checksums so a corrupt transfer never
 * becomes a visible object (and a destination can store them with its first request); keeps content type and user metadata; reads the source with If-Match on the listed
 * ETag; verifies as asked; copies an object again from the source after a failure only
 * {@link Restarts} allows (each call is already retried by core's call layer), up to {@code --retries}
 * times with backoff and jitter; records the finished object in the journal.
 */
public final class Copier {
    private final Endpoint source;
    private final Endpoint destination;
    private final RunOptions options;
    private final Journal journal;
    private final Totals totals;
    private final Decider decider;
    /** Whether the destination's puts return the Passerelle SHA-256 of what they read (until one does not). */
    private volatile boolean destinationHashes = true;

    /**
     * @param source the source side
     * @param destination the destination side
     * @param options the run's options
     * @param journal where finished objects are recorded (null: none)
     * @param totals counts transferred bytes
     * @param decider reads back objects for verification
     */
    public Copier(Endpoint source, Endpoint destination, RunOptions options, Journal journal, Totals totals, Decider decider) {
        this.source = source;
        this.destination = destination;
        this.options = options;
        this.journal = journal;
        this.totals = totals;
        this.decider = decider;
    }

    /**
     * Copies one object, restarting it from the source as {@link Restarts} allows.
     *
     * @param entry the source entry as listed
     * @param reason why it is copied (kept in the report when it fails)
     * @param meter told of the bytes streamed (COPY) and read back (VERIFY)
     * @return COPIED, CHANGED (the source changed or vanished since it was listed) or FAILED
     */
    public ObjectResult copy(Entry entry, String reason, ObjectMeter meter) {
        int attempts = 0;
        while (true) {
            attempts++;
            long[] moved = {0};
            try {
                Copied c = copyOnce(entry, moved, meter);
                String dstSha = verify(entry, c, meter);
                if (journal != null) {
                    journal.record(new Journal.Record(entry.key(), c.size, c.sha256, c.sourceEtag, c.destinationEtag));
                }
                return new ObjectResult(entry.key(), c.size, c.sha256, dstSha, Status.COPIED, attempts, null);
            } catch (RuntimeException e) {
                meter.copied(-moved[0]);
                StorageException se = find(e);
                if (se != null && (se.kind() == ErrorKind.PRECONDITION_FAILED || se.kind() == ErrorKind.OBJECT_NOT_FOUND) && isSource(se)) {
                    return new ObjectResult(entry.key(), entry.size(), entry.sha256(), null, Status.CHANGED, attempts,
                            "the source object changed or was deleted after it was listed (" + se.kind() + ")");
                }
                if (attempts >= options.retry().maxAttempts() || !Restarts.restartable(e)) {
                    return new ObjectResult(entry.key(), entry.size(), entry.sha256(), null, Status.FAILED, attempts, describe(e));
                }
                Restarts.pause(options.retry(), attempts);
            }
        }
    }

    /**
     * Records in the journal an object found identical by reading both sides, so the next plan or
     * copy classifies it without reading again. Does nothing without a journal.
     */
    public void remember(Journal.Record proven) {
        if (journal != null) {
            journal.record(proven);
        }
    }

    private record Copied(long size, String sha256, String sourceEtag, String destinationEtag, String storedSha256) {
    }

    private Copied copyOnce(Entry entry, long[] moved, ObjectMeter meter) {
        Copied c = copyOnce(entry, moved, !destinationHashes, meter);
        if (c == null) {
            // this destination returned no Passerelle SHA-256 of exactly the streamed bytes: hash the source
            // here from now on and copy this object again, so the SHA-256 we record is of bytes we streamed
            destinationHashes = false;
            meter.copied(-moved[0]);
            moved[0] = 0;
            c = copyOnce(entry, moved, true, meter);
        }
        return c;
    }

    /**
     * One transfer. The SHA-256 of the source bytes is computed once: every backend's put reads the
     * stream it is given through {@link dev.passerelle.api.io.VerifyingInputStream} and returns the
     * Passerelle SHA-256 of exactly the bytes it read, and the stream it is given here is the source's
     * stream (throttled and counted, unchanged), so that SHA-256 is the source's as streamed. The
     * migration hashes the bytes itself only when the destination does not return one.
     *
     * @param selfHash hash the source bytes here too (and check the destination's against it)
     * @param meter told of the bytes streamed
     * @return what was copied, or null when {@code selfHash} was false and the destination returned no
     *     Passerelle SHA-256 of the whole stream (the caller copies again with {@code selfHash})
     */
    private Copied copyOnce(Entry entry, long[] moved, boolean selfHash, ObjectMeter meter) {
        CallContext ctx = CallContext.of("passerelle-migrate");
        GetOptions get = GetOptions.of(ctx);
        if (entry.etag() != null && !entry.etag().isEmpty()) {
            get = get.withConditions(Conditions.ifMatch(entry.etag()));
        }
        Hashing.Both prehashed = prehash(entry, get);
        ObjectContent content;
        try {
            content = source.store().get(source.container(), source.fullKey(entry.key()), get);
        } catch (StorageException e) {
            throw tagSource(e);
        }
        try (content) {
            ObjectInfo info = content.info();
            // the source's own SHA-256: the destination checks the bytes against it before anything becomes
            // visible (CHECKSUM_MISMATCH, retried), so a corrupt read never lands
            String expected = info.passerelleSha256().orElse(null);
            // with both of the source's checksums known up front, a destination can store them with its first request
            String expectedMd5 = info.checksum(ChecksumAlgorithm.MD5).filter(c -> c.source() == Checksum.Source.PASSERELLE)
                    .map(Checksum::hex).orElse(null);
            boolean fromFirstRead = expected == null && prehashed != null && prehashed.length() == content.length();
            if (fromFirstRead) {
                // what the first read hashed: the destination verifies the bytes it gets against it
                expected = prehashed.sha256();
                expectedMd5 = prehashed.md5();
            }
            InputStream throttled = options.throttle().wrap(content.stream());
            LongConsumer onBytes = n -> {
                moved[0] += n;
                meter.copied(n);
            };
            Hashing.HashingStream hashing = selfHash ? new Hashing.HashingStream(throttled, onBytes) : null;
            Hashing.CountingStream counting = selfHash ? null : new Hashing.CountingStream(throttled, onBytes);
            PutOptions put = PutOptions.builder().contentType(info.contentType()).userMetadata(info.userMetadata())
                    .expectedSha256(expected).expectedMd5(expected == null ? null : expectedMd5).prehashed(fromFirstRead).context(ctx).build();
            ObjectInfo written = destination.store().put(destination.container(), destination.fullKey(entry.key()),
                    selfHash ? hashing : counting, content.length(), put);
            long length = selfHash ? hashing.count() : counting.count();
            totals.addTransferred(length);
            if (length != content.length()) {
                throw new StorageException(ErrorKind.INTEGRITY, "read " + length + " bytes of a " + content.length() + "-byte source object");
            }
            String stored = written.passerelleSha256().orElse(null);
            String sha;
            if (selfHash) {
                sha = hashing.digest().sha256();
                if (stored != null && !stored.equals(sha)) {
                    throw new StorageException(ErrorKind.INTEGRITY, "the destination stored SHA-256 " + stored + " for bytes hashing to " + sha);
                }
            } else {
                if (stored == null || !counting.atEnd() || written.size() != length) {
                    // no SHA-256, or not provably of exactly the bytes streamed: copy again, hashing here
                    return null;
                }
                sha = stored;
            }
            if (expected != null && !expected.equalsIgnoreCase(sha)) {
                throw new StorageException(ErrorKind.INTEGRITY, "source bytes hash to " + sha + " but the source's stored SHA-256 is " + expected);
            }
            return new Copied(length, sha, info.etag(), written.etag(), stored);
        }
    }

    /** @return the destination's SHA-256 as verified, or null with --verify none */
    private String verify(Entry entry, Copied c, ObjectMeter meter) {
        RunOptions.VerifyMode mode = options.verify();
        if (mode == RunOptions.VerifyMode.NONE) {
            return c.storedSha256;
        }
        if (mode == RunOptions.VerifyMode.METADATA) {
            ObjectInfo head = destination.store().head(destination.container(), destination.fullKey(entry.key()), GetOptions.defaults());
            String stored = head.passerelleSha256().orElse(null);
            if (stored != null) {
                checkSame(head.size() == c.size && stored.equals(c.sha256), stored, c);
                return stored;
            }
            // the destination stores no SHA-256 of ours: fall back to reading it back
        }
        // read once: a failure restarts the whole copy (Restarts), never a second loop inside this one
        String readBack = decider.readSha(destination, entry.key(), c.destinationEtag, meter, 1);
        totals.addTransferred(c.size);
        checkSame(readBack.equals(c.sha256), readBack, c);
        return readBack;
    }

    /**
     * Reads a source object once before copying it, to learn both its checksums, when that saves the
     * destination work: the source is a local disk (a second read costs no transfer), the object has
     * no stored checksums, and the destination stores checksums given up front with its first
     * request from this size on (S3 would otherwise copy a large object onto itself to record them).
     *
     * @return both digests, or null when reading first would not pay
     */
    private Hashing.Both prehash(Entry entry, GetOptions get) {
        if (entry.sha256() != null || !source.store().capabilities().localReads()
                || entry.size() < destination.store().capabilities().upFrontChecksumsFrom()) {
            return null;
        }
        try (ObjectContent c = source.store().get(source.container(), source.fullKey(entry.key()), get)) {
            return Hashing.hashBoth(c.stream());
        } catch (StorageException e) {
            throw tagSource(e);
        }
    }

    private static void checkSame(boolean same, String found, Copied c) {
        if (!same) {
            throw new StorageException(ErrorKind.INTEGRITY, "verification failed: destination SHA-256 " + found + " != source " + c.sha256);
        }
    }

    private static final String SOURCE_MARK = "passerelle-migrate:source";

    private static StorageException tagSource(StorageException e) {
        e.addSuppressed(new MarkerException());
        return e;
    }

    private static boolean isSource(StorageException e) {
        for (Throwable s : e.getSuppressed()) {
            if (s instanceof MarkerException) {
                return true;
            }
        }
        return false;
    }

    /** Marks an exception as coming from the source's get. */
    private static final class MarkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MarkerException() {
            super(SOURCE_MARK, null, false, false);
        }
    }

    private static StorageException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageException se) {
                return se;
            }
        }
        return null;
    }

    /** @return a one-line description of a failure, without secrets or stack traces */
    static String describe(Throwable e) {
        StorageException se = find(e);
        if (se != null) {
            return se.code() + ": " + se.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
