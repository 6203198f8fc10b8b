package dev.passerelle.migrate;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One run of plan, dry-run, copy or verify between two sides: lists both sides in one common order
 * (see {@link SortedListing}), joins them with the journal key by key, decides and acts on each key
 * on a pool of {@code --parallel} workers, and hands every result, in key order, to the report.
 */
public final class Migration {

    /**
     * What a run found and did.
     *
     * @param totals counts by status
     * @param aborted why the run stopped before the end (a listing that kept failing), or null
     * @param estimate the plan's duration estimate, or null for other modes
     */
    public record Outcome(Totals totals, String aborted, Estimator.Estimate estimate) {
    }

    private final Endpoint source;
    private final Endpoint destination;
    private final RunOptions options;
    private final Path journalFile;
    private final String journalIdentity;
    private final Progress progress;

    /**
     * @param source the source side
     * @param destination the destination side
     * @param options how to run
     * @param journalFile the journal (copy only; null for none)
     * @param journalIdentity what the journal belongs to
     * @param progress progress display
     */
    public Migration(Endpoint source, Endpoint destination, RunOptions options, Path journalFile, String journalIdentity, Progress progress) {
        this.source = source;
        this.destination = destination;
        this.options = options;
        this.journalFile = journalFile;
        this.journalIdentity = journalIdentity;
        this.progress = progress;
    }

    /**
     * Checks that both sides are reachable and the source container exists; for copy, creates the
     * destination container when missing. Call before anything is written locally.
     *
     * @throws StorageException CONTAINER_NOT_FOUND for a missing source, or the host's failure
     */
    public void preflight() {
        CallContext ctx = CallContext.of("passerelle-migrate");
        if (!source.store().containerExists(source.container(), ctx)) {
            throw new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "source bucket '" + source.container() + "' does not exist at backend "
                    + source.location().backend());
        }
        boolean dstExists = destination.store().containerExists(destination.container(), ctx);
        if (!dstExists && options.writes()) {
            destination.store().createContainer(destination.container(), ctx);
        }
    }

    /**
     * Runs.
     *
     * @param sink receives every result in key order
     * @return what was found and done
     */
    public Outcome run(Consumer<ObjectResult> sink) throws InterruptedException {
        Totals totals = new Totals();
        Estimator estimator = options.mode() == RunOptions.Mode.PLAN
                ? new Estimator(source, destination, options.throttle().rate(), options.workDir()) : null;
        Decider decider = new Decider(source, destination, options);
        SortedListing listing = new SortedListing(options.sortChunk(), options.workDir(), options.sortAll());
        ExternalSorter<Journal.Record> journalSorter = new ExternalSorter<>(Journal.Record.CODEC, SortedListing.ORDER, options.sortChunk(), options.workDir());
        OrderedSink ordered = new OrderedSink(Math.max(1024, options.parallel() * 64), r -> {
            totals.add(r);
            sink.accept(r);
        });
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), threads());
        String aborted = null;
        Journal journal = null;
        AtomicReference<Error> fatal = new AtomicReference<>();
        try (Cursor<Entry> src = listing.open(source, options.filter(), true);
             Cursor<Entry> dst = listing.open(destination, options.filter(), false);
             // plan and dry-run read the journal too (without repairing it), so they classify each key as the copy would
             Cursor<Journal.Record> old = journalFile != null ? Journal.readSorted(journalFile, journalSorter, options.writes()) : Cursor.empty()) {
            journal = journalFile != null && options.writes() ? Journal.openForAppend(journalFile, journalIdentity) : null;
            Copier copier = new Copier(source, destination, options, journal, totals, decider);
            MergeJoin join = new MergeJoin(src, dst, old);
            try {
                while (fatal.get() == null && join.hasNext()) {
                    MergeJoin.Pair p = join.next();
                    long seq = ordered.reserve();
                    progress.discovered(p.source() != null ? p.source().size() : 0);
                    ObjectResult immediate = immediate(p);
                    if (immediate != null) {
                        finish(ordered, seq, immediate, estimator, p, new ObjectMeter(progress));
                    } else {
                        pool.execute(() -> {
                            ObjectMeter meter = new ObjectMeter(progress);
                            finish(ordered, seq, guarded(p, decider, copier, fatal, meter), estimator, p, meter);
                        });
                    }
                }
            } catch (RuntimeException e) {
                aborted = "listing failed: " + Copier.describe(e);
                if (e instanceof ListOrderException || e instanceof StorageException se && se.kind() == ErrorKind.INTERNAL) {
                    throw e;
                }
            } finally {
                progress.listingDone();
                pool.shutdown();
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    // wait for the in-flight objects: every listed key gets a result
                }
            }
        } finally {
            pool.shutdownNow();
            if (journal != null) {
                journal.close();
            }
        }
        if (fatal.get() != null) {
            throw new StorageException(ErrorKind.INTERNAL, "a worker died: " + fatal.get()
                    + (fatal.get() instanceof OutOfMemoryError ? " (give the JVM more heap, e.g. -Xmx1g, or lower --parallel or the backend's part-size/upload-concurrency)" : ""),
                    fatal.get());
        }
        ordered.rethrow();
        if (!ordered.drained()) {
            throw new StorageException(ErrorKind.INTERNAL, "some results were not reported");
        }
        Estimator.Estimate estimate = null;
        if (estimator != null) {
            long objects = totals.objects(Status.MISSING) + totals.objects(Status.DIFFERENT);
            long bytes = totals.bytes(Status.MISSING) + totals.bytes(Status.DIFFERENT);
            estimate = estimator.estimate(objects, bytes, options.parallel());
        }
        return new Outcome(totals, aborted, estimate);
    }

    private void finish(OrderedSink ordered, long seq, ObjectResult r, Estimator estimator, MergeJoin.Pair p, ObjectMeter meter) {
        if (estimator != null && p.source() != null && (r.status() == Status.MISSING || r.status() == Status.DIFFERENT)) {
            estimator.offer(p.source());
        }
        meter.finished(r);
        ordered.complete(seq, r);
    }

    /** @return the result of a key that needs no remote call, or null */
    private ObjectResult immediate(MergeJoin.Pair p) {
        boolean copy = options.mode() == RunOptions.Mode.COPY;
        if (p.source() == null && !(copy && options.deleteExtraneous())) {
            Entry d = p.destination();
            String why = options.deleteExtraneous() ? "only at the destination (would be deleted)" : "only at the destination";
            return new ObjectResult(p.key(), d.size(), null, d.sha256(), Status.EXTRA, 0, why);
        }
        if (p.destination() == null && !copy) {
            Entry s = p.source();
            return new ObjectResult(p.key(), s.size(), s.sha256(), null, Status.MISSING, 0, "missing at the destination");
        }
        return null;
    }

    /**
     * Runs {@link #handle} and turns even an {@link Error} (out of memory) into a FAILED result, so the
     * ordered sink never waits forever; the error is kept to stop the run.
     */
    private ObjectResult guarded(MergeJoin.Pair p, Decider decider, Copier copier, AtomicReference<Error> fatal, ObjectMeter meter) {
        try {
            return handle(p, decider, copier, meter);
        } catch (Error e) {
            fatal.compareAndSet(null, e);
            Entry s = p.source() != null ? p.source() : p.destination();
            return new ObjectResult(p.key(), s.size(), null, null, Status.FAILED, 0, "worker died: " + e);
        }
    }

    /** Decides and acts on one key on a worker; never throws (a failure is a FAILED result). */
    private ObjectResult handle(MergeJoin.Pair p, Decider decider, Copier copier, ObjectMeter meter) {
        try {
            if (p.source() == null) {
                return deleteExtra(p);
            }
            if (p.destination() == null) {
                return copier.copy(p.source(), "missing at the destination", meter);
            }
            if (options.mode() == RunOptions.Mode.VERIFY) {
                return decider.forVerify(p, meter);
            }
            Decider.Decision d = decider.forCopy(p, meter);
            if (d.proven() != null) {
                copier.remember(d.proven());
            }
            return d.result() != null ? d.result() : copier.copy(p.source(), d.copyReason(), meter);
        } catch (RuntimeException e) {
            Entry s = p.source() != null ? p.source() : p.destination();
            return new ObjectResult(p.key(), s.size(), null, null, Status.FAILED, 0, Copier.describe(e));
        }
    }

    private ObjectResult deleteExtra(MergeJoin.Pair p) {
        Entry d = p.destination();
        try {
            destination.store().delete(destination.container(), destination.fullKey(p.key()), CallContext.of("passerelle-migrate"));
            return new ObjectResult(p.key(), d.size(), null, d.sha256(), Status.DELETED, 1, null);
        } catch (StorageException e) {
            if (e.kind() == ErrorKind.OBJECT_NOT_FOUND) {
                return new ObjectResult(p.key(), d.size(), null, d.sha256(), Status.DELETED, 1, "already gone");
            }
            return new ObjectResult(p.key(), d.size(), null, d.sha256(), Status.FAILED, 1, "delete failed: " + Copier.describe(e));
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "migrate-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
