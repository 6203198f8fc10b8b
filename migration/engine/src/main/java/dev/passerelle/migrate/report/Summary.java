package dev.passerelle.migrate.report;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import dev.passerelle.migrate.Totals;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The short human summary of a run or a report, for stderr. */
public final class Summary {
    private Summary() {
    }

    /**
     * Prints the summary.
     *
     * @param out where (stderr)
     * @param command plan, copy, dry-run, verify
     * @param from the source location
     * @param to the destination location
     * @param elapsed how long the run took, or null when unknown
     * @param totals the counts
     * @param problems the first differences and failures
     * @param problemCount how many there are in all
     * @param manifestObjects objects in the manifest
     * @param manifestSha the manifest hash
     * @param aborted why the run stopped early, or null
     * @param estimate plan: the estimate fields, or null
     * @param proof verify: {@link #PROOF_METADATA} or {@link #PROOF_REREAD}; null for the other commands
     * @param exitCode the exit code
     */
    public static void print(PrintStream out, String command, String from, String to, Duration elapsed, Totals totals,
                             List<ObjectResult> problems, long problemCount, long manifestObjects, String manifestSha,
                             String aborted, Map<String, Object> estimate, String proof, int exitCode) {
        out.printf(Locale.ROOT, "passerelle-migrate %s %s -> %s%s%n", command, from, to,
                elapsed == null ? "" : " (" + duration(elapsed) + ")");
        for (Map.Entry<Status, long[]> e : totals.byStatus().entrySet()) {
            out.printf(Locale.ROOT, "  %-10s %10d objects %12s%n", e.getKey().json(), e.getValue()[0], bytes(e.getValue()[1]));
        }
        if (totals.objects() == 0) {
            out.println("  no objects");
        }
        if (totals.transferred() > 0) {
            out.printf(Locale.ROOT, "  transferred %s%n", bytes(totals.transferred()));
        }
        if (estimate != null) {
            out.printf(Locale.ROOT, "  estimated copy duration: %s%n", estimate.get("duration"));
            out.printf(Locale.ROOT, "    based on: %s%n", estimate.get("basis"));
        }
        if (PROOF_METADATA.equals(proof)) {
            out.println("  proof: metadata (sizes and stored SHA-256 compared; the bytes at rest were not re-read: use --deep for the final proof)");
        } else if (PROOF_REREAD.equals(proof)) {
            out.println("  proof: re-read (every object read back from both sides and hashed)");
        }
        for (ObjectResult r : problems) {
            out.printf(Locale.ROOT, "  %-10s %s%s%n", r.status().json(), r.key(), r.error() == null ? "" : "  (" + r.error() + ")");
        }
        if (problemCount > problems.size()) {
            out.printf(Locale.ROOT, "  ... and %d more differences or failures (see the JSON report)%n", problemCount - problems.size());
        }
        if (aborted != null) {
            out.println("  ABORTED: " + aborted);
        }
        out.printf(Locale.ROOT, "  manifest: %d objects, sha256 %s%n", manifestObjects, manifestSha);
        out.printf(Locale.ROOT, "  result: %s (exit %d)%n", exitCode == 0 ? "OK" : exitCode == 1 ? "DIFFERENCES OR FAILURES" : "ERROR", exitCode);
    }

    /** The proof of a verify without {@code --deep}: sizes and the stored SHA-256 of both sides. */
    public static final String PROOF_METADATA = "metadata";
    /** The proof of {@code verify --deep}: both sides read back and hashed. */
    public static final String PROOF_REREAD = "re-read";

    /**
     * The one human form of a duration, for summaries, estimates and progress: {@code 0.4 s},
     * {@code 1.1 s}, {@code 42 s}, {@code 3 min 5 s}, {@code 2 h 14 min}, {@code 3 d 4 h}.
     *
     * @param d a duration (negative counts as zero)
     * @return its human form
     */
    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 9_950) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long min = Math.round(s / 60.0);
        if (min < 24 * 60) {
            return min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
        }
        long h = Math.round(s / 3600.0);
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    /** @return a byte count in human units */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** @return totals rebuilt from a report's "totals" field */
    @SuppressWarnings("unchecked")
    public static Totals totalsOf(Map<String, Object> totalsJson) {
        Totals t = new Totals();
        if (totalsJson == null) {
            return t;
        }
        Map<String, Object> by = (Map<String, Object>) totalsJson.getOrDefault("byStatus", Map.of());
        for (Map.Entry<String, Object> e : by.entrySet()) {
            Map<String, Object> v = (Map<String, Object>) e.getValue();
            t.add(Status.fromJson(e.getKey()), ((Number) v.get("objects")).longValue(), ((Number) v.get("bytes")).longValue());
        }
        Object tr = totalsJson.get("transferredBytes");
        if (tr instanceof Number n) {
            t.addTransferred(n.longValue());
        }
        return t;
    }
}
