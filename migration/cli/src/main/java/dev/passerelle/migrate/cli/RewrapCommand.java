package dev.passerelle.migrate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.BackendInfo;
import dev.passerelle.core.Bucket;
import dev.passerelle.core.Passerelle;
import dev.passerelle.migrate.ExitCodes;
import dev.passerelle.migrate.Location;
import dev.passerelle.migrate.UsageException;
import dev.passerelle.migrate.report.Json;
import dev.passerelle.sovereign.crypto.KeyRing;
import dev.passerelle.sovereign.crypto.RewrapResult;
import dev.passerelle.sovereign.crypto.Rewrapper;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code rewrap --bucket B:bucket}: re-wraps every data key of an encrypted bucket under the current
 * KEK ({@code passerelle.keys.current}) without re-encrypting content, and upgrades objects of envelope
 * version 1 (not bound to their bucket and key) to version 2 (see {@link Rewrapper}). The objects are
 * bound to the bucket routed to the container, or to the container's name when no bucket routes
 * there. Objects already current are skipped, so a rerun after a crash or a failure resumes.
 */
@CommandLine.Command(name = "rewrap", mixinStandardHelpOptions = true,
        description = "Re-wrap every data key of an encrypted bucket under the current KEK (passerelle.keys.current), "
                + "without re-encrypting content; objects of envelope version 1 (not bound to their bucket and key) are "
                + "re-encrypted into version 2. Resumable: objects already current are skipped. "
                + "Exit 1 if some object could not be rewrapped (e.g. its KEK is not configured).")
public class RewrapCommand implements Callable<Integer> {
    /** Failures listed one by one in the summary; the rest are counted. */
    static final int MAX_LISTED = 20;

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Option(names = "--bucket", required = true, paramLabel = "BACKEND:bucket|bucket",
            description = "The container at a backend (the bucket routed there supplies the settings), or a bucket name.")
    String bucket;

    @CommandLine.Option(names = "--progress-interval", paramLabel = "S", defaultValue = "10",
            description = "Seconds between progress lines on stderr (default ${DEFAULT-VALUE}).")
    long progressInterval;

    /** What to rewrap, resolved. */
    private record Target(String bucket, String location, String container, BlobStore store) {
    }

    /** @return 0 when every encrypted object is under the current KEK, 1 when some could not be rewrapped */
    @Override
    public Integer call() {
        if (progressInterval < 1) {
            throw new UsageException("--progress-interval must be at least 1 second");
        }
        try (Context ctx = new Context(common.config)) {
            Passerelle p = ctx.passerelle();
            Target t = resolve(p, bucket);
            KeyRing keys = p.keys().orElseThrow(() -> new UsageException(
                    "rewrap needs the KEKs: no passerelle.keys.current (and passerelle.keys.<id>.file or .keystore) is configured"));
            if (!t.store().containerExists(t.container(), CallContext.of("passerelle-migrate"))) {
                throw new UsageException("--bucket " + bucket + ": container '" + t.container() + "' does not exist at "
                        + t.location().substring(0, t.location().indexOf(':')));
            }
            boolean talk = !common.quiet && !common.json;
            if (talk) {
                System.err.println("passerelle-migrate rewrap " + t.location() + (t.bucket() == null ? " (no bucket routes there: the container directly)"
                        : " (bucket " + t.bucket() + ")") + " under KEK " + keys.currentId());
            }
            RewrapResult result = new Rewrapper(t.store(), keys, t.bucket() == null ? t.container() : t.bucket()).rewrap(t.container(), talk ? new Lines(progressInterval) : key -> { });
            int exit = ExitCodes.of(result);
            if (common.json) {
                printJson(t, keys.currentId(), result, exit);
            } else if (!common.quiet) {
                printSummary(result, keys.currentId(), exit);
            }
            return exit;
        }
    }

    /**
     * Finds what {@code --bucket} names: {@code BACKEND:container} is looked up among the routes
     * (a container no bucket routes to is rewrapped directly at the backend); a plain name is a bucket.
     *
     * @throws UsageException for a malformed value, an unknown backend, a prefix, or a read-only bucket
     */
    private static Target resolve(Passerelle p, String text) {
        if (text.indexOf(':') < 0) {
            return ofBucket(p, p.bucket(text));
        }
        Location loc = Location.parse(text);
        if (!loc.prefix().isEmpty()) {
            throw new UsageException("--bucket " + text + ": rewrap handles a whole bucket, not a prefix");
        }
        BackendInfo backend;
        try {
            backend = p.backend(loc.backend());
        } catch (StorageException e) {
            throw new UsageException("unknown backend '" + loc.backend() + "' in '" + text + "': configured backends are "
                    + p.backendNames());
        }
        Optional<String> routed = p.bucketAt(loc.backend(), loc.container());
        if (routed.isPresent()) {
            return ofBucket(p, p.bucket(routed.get()));
        }
        return new Target(null, loc.toString(), loc.container(), p.backendStore(backend.name()));
    }

    private static Target ofBucket(Passerelle p, Bucket b) {
        if (b.readOnly()) {
            throw new UsageException("bucket '" + b.name() + "' is read-only (passerelle.buckets." + b.name()
                    + ".read-only=true): rewrap rewrites every object; lift read-only first");
        }
        return new Target(b.name(), b.backend() + ":" + b.container(), b.container(), p.storeBelowEncryption(b.name()));
    }

    private static void printSummary(RewrapResult r, String kek, int exit) {
        System.err.println("  examined " + r.examined() + ", rewrapped " + r.rewrapped() + ", upgraded " + r.upgraded()
                + ", already current " + r.alreadyCurrent()
                + ", not encrypted " + r.notEncrypted() + ", failed " + r.failed().size());
        int listed = 0;
        for (Map.Entry<String, String> f : new TreeMap<>(r.failed()).entrySet()) {
            if (listed++ == MAX_LISTED) {
                System.err.println("  ... and " + (r.failed().size() - MAX_LISTED) + " more failed");
                break;
            }
            System.err.println("  failed  " + f.getKey() + "  (" + f.getValue() + ")");
        }
        System.err.println("  result: " + (exit == ExitCodes.OK ? "every encrypted object is under KEK " + kek + " (exit 0)"
                : "NOT COMPLETE: fix the cause and run rewrap again; objects already done are skipped (exit " + exit + ")"));
    }

    private static void printJson(Target t, String kek, RewrapResult r, int exit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "rewrap");
        m.put("exitCode", exit);
        m.put("bucket", t.bucket());
        m.put("location", t.location());
        m.put("kek", kek);
        m.put("examined", r.examined());
        m.put("rewrapped", r.rewrapped());
        m.put("upgraded", r.upgraded());
        m.put("alreadyCurrent", r.alreadyCurrent());
        m.put("notEncrypted", r.notEncrypted());
        m.put("failed", new TreeMap<>(r.failed()));
        try {
            JsonGenerator g = Json.FACTORY.createGenerator(System.out);
            Json.write(g, m);
            g.flush();
            System.out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain progress lines on stderr, at most one per interval. */
    private static final class Lines implements Consumer<String> {
        private final long intervalNanos;
        private long last = System.nanoTime();
        private long count;

        Lines(long intervalSeconds) {
            this.intervalNanos = intervalSeconds * 1_000_000_000L;
        }

        @Override
        public void accept(String key) {
            count++;
            long now = System.nanoTime();
            if (now - last >= intervalNanos) {
                last = now;
                System.err.println("rewrap: " + count + " objects examined");
            }
        }
    }
}
