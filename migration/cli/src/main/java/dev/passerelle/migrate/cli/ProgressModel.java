package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Progress;
import dev.passerelle.migrate.Status;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a progress display shows, apart from drawing it: objects done and found, and for each phase of
 * the run (copy, verify) the bytes done against a total known from the listing. A phase's total is the
 * listed source bytes times how often the phase reads them (verify --deep reads both sides: twice);
 * an object counts its live bytes while it moves and its exact share once finished (copied, found
 * identical, failed: every listed byte is accounted for once), so a phase never passes its total and
 * the copy's read-back never inflates the copy's bar.
 */
final class ProgressModel implements Progress {
    private final Map<Phase, Integer> factors;
    private final Map<Phase, AtomicLong> live = new EnumMap<>(Phase.class);
    private final Map<Phase, AtomicLong> done = new EnumMap<>(Phase.class);
    private final AtomicLong sourceBytes = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong moved = new AtomicLong();
    private final long start;
    private volatile boolean listed;

    /**
     * @param factors the phases shown, each with how many times it reads the listed source bytes
     * @param startNanos when the run started ({@link System#nanoTime()})
     */
    ProgressModel(Map<Phase, Integer> factors, long startNanos) {
        this.factors = Map.copyOf(factors);
        for (Phase p : Phase.values()) {
            live.put(p, new AtomicLong());
            done.put(p, new AtomicLong());
        }
        this.start = startNanos;
    }

    /**
     * @param command copy, dry-run, plan or verify
     * @param readBack copy: whether copied objects are read back (--verify readback)
     * @param deep verify: whether both sides are re-read
     * @return the phases of that run
     */
    static Map<Phase, Integer> phasesOf(String command, boolean readBack, boolean deep) {
        return switch (command) {
            case "copy" -> readBack ? Map.of(Phase.COPY, 1, Phase.VERIFY, 1) : Map.of(Phase.COPY, 1);
            case "verify" -> deep ? Map.of(Phase.VERIFY, 2) : Map.of();
            default -> Map.of();
        };
    }

    @Override
    public void discovered(long size) {
        found.incrementAndGet();
        sourceBytes.addAndGet(size);
    }

    @Override
    public void moved(Phase phase, long delta) {
        live.get(phase).addAndGet(delta);
        moved.addAndGet(delta);
    }

    @Override
    public void finished(ObjectResult r, long copied, long verified) {
        live.get(Phase.COPY).addAndGet(-copied);
        live.get(Phase.VERIFY).addAndGet(-verified);
        boolean atSource = r.status() != Status.EXTRA && r.status() != Status.DELETED;
        if (atSource) {
            factors.forEach((phase, factor) -> done.get(phase).addAndGet(r.size() * factor));
        }
        finished.incrementAndGet();
        if (r.status() == Status.FAILED || r.status() == Status.CHANGED) {
            failed.incrementAndGet();
        }
    }

    @Override
    public void listingDone() {
        listed = true;
    }

    /**
     * One phase as shown.
     *
     * @param phase which
     * @param value bytes done (never above the total)
     * @param total bytes in all (grows until the listing is done)
     */
    record PhaseView(Phase phase, long value, long total) {
        /** @return the fraction done, 0..1 */
        double fraction() {
            return total <= 0 ? (value > 0 ? 1 : 0) : Math.min(1, (double) value / total);
        }
    }

    /**
     * A consistent-enough view for one frame.
     *
     * @param phases the phases, copy first
     * @param done objects finished
     * @param found objects listed so far
     * @param listed whether the listing is complete
     * @param failed objects failed or changed
     * @param bytesPerSecond bytes actually moved per second (both phases)
     * @param etaSeconds seconds left, or -1 when unknown
     */
    record Snapshot(List<PhaseView> phases, long done, long found, boolean listed, long failed, double bytesPerSecond, long etaSeconds) {
    }

    /** @return the view at this instant */
    Snapshot snapshot(long nowNanos) {
        boolean complete = listed;
        List<PhaseView> views = new java.util.ArrayList<>();
        long left = 0;
        long progressed = 0;
        for (Phase p : Phase.values()) {
            Integer factor = factors.get(p);
            if (factor == null) {
                continue;
            }
            long total = sourceBytes.get() * factor;
            long value = Math.max(0, Math.min(total, done.get(p).get() + live.get(p).get()));
            views.add(new PhaseView(p, value, total));
            left += total - value;
            progressed += value;
        }
        double secs = Math.max(1e-3, (nowNanos - start) / 1e9);
        long eta = -1;
        if (complete && progressed > 0 && !views.isEmpty()) {
            eta = (long) Math.ceil(left / (progressed / secs));
        }
        return new Snapshot(List.copyOf(views), finished.get(), found.get(), complete, failed.get(), moved.get() / secs, eta);
    }
}
