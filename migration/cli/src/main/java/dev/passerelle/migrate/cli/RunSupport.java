package dev.passerelle.migrate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.passerelle.api.config.ConfigType;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.core.decorators.RetryPolicy;
import dev.passerelle.migrate.Endpoint;
import dev.passerelle.migrate.Estimator;
import dev.passerelle.migrate.ExitCodes;
import dev.passerelle.migrate.Hashing;
import dev.passerelle.migrate.Journal;
import dev.passerelle.migrate.KeyFilter;
import dev.passerelle.migrate.Migration;
import dev.passerelle.migrate.Progress;
import dev.passerelle.migrate.RunOptions;
import dev.passerelle.migrate.Shard;
import dev.passerelle.migrate.Throttle;
import dev.passerelle.migrate.UsageException;
import dev.passerelle.migrate.report.Json;
import dev.passerelle.migrate.report.ReportHeader;
import dev.passerelle.migrate.report.ReportTrailer;
import dev.passerelle.migrate.report.ReportWriter;
import dev.passerelle.migrate.report.Summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What plan, copy and verify share: resolve both locations, check everything the operator gave
 * BEFORE anything is written, run the {@link Migration}, write the report, print the summary and
 * map the outcome to the exit code.
 */
final class RunSupport {
    private RunSupport() {
    }

    /**
     * The options of one run as typed.
     *
     * @param mode what to do
     * @param from source location text
     * @param to destination location text
     * @param parallel workers
     * @param verify verification of copies
     * @param deep verify: read both sides
     * @param deleteExtraneous copy: delete extra objects
     * @param includes include globs
     * @param excludes exclude globs
     * @param shard K/N or null
     * @param bwlimit a rate like 10M, or null
     * @param journal the journal file, or null for the default (copy only)
     * @param report the report file, or null
     * @param retries retries of temporary failures
     * @param retryDelay first backoff, e.g. 500ms
     * @param progressInterval seconds between plain progress lines
     * @param sortListings re-sort every listing
     */
    record Request(RunOptions.Mode mode, String from, String to, int parallel, RunOptions.VerifyMode verify, boolean deep,
                   boolean deleteExtraneous, List<String> includes, List<String> excludes, String shard, String bwlimit,
                   Path journal, Path report, int retries, String retryDelay, long progressInterval,
                   boolean sortListings) {
    }

    static int run(CommonOptions common, Request q) throws InterruptedException {
        try (Context ctx = new Context(common.config)) {
            if (q.mode() != RunOptions.Mode.COPY) {
                // plan, dry-run and verify write nothing: not even what a backend creates when it opens
                ctx.openReadOnly(q.from(), q.to());
            }
            List<Endpoint> ends = ctx.endpoints(q.from(), q.to());
            Endpoint src = ends.get(0);
            Endpoint dst = ends.get(1);
            // before any byte moves (and before the destination container is created): may this data go there?
            ResidencyCheck.Outcome residency = q.mode() == RunOptions.Mode.VERIFY ? null : ResidencyCheck.require(ctx.passerelle(), src, dst);
            Shard shard = q.shard() == null ? Shard.ALL : Shard.parse(q.shard());
            KeyFilter filter = new KeyFilter(q.includes(), q.excludes(), shard);
            long rate = q.bwlimit() == null ? 0 : parse(() -> ConfigType.parseSize("--bwlimit", q.bwlimit()));
            Duration delay = parse(() -> ConfigType.parseDuration("--retry-delay", q.retryDelay()));
            if (q.retries() < 0) {
                throw new UsageException("--retries must be >= 0");
            }
            // the restarts of a whole object; each call is retried once, by core's call layer (retry-max-attempts)
            RetryPolicy retry = new RetryPolicy(q.retries() + 1, delay, Duration.ofSeconds(30));
            Path work = ctx.stateDir().resolve("migrate").resolve("tmp");
            int chunk = MigrateKeys.systemProperties().get(MigrateKeys.SORT_CHUNK);
            RunOptions opts = new RunOptions(q.mode(), q.parallel(), q.verify(), q.deep(), q.deleteExtraneous(), filter, retry,
                    new Throttle(rate), work, chunk, q.sortListings());
            String identity = "copy " + src.location() + " -> " + dst.location() + " shard " + shard + " include " + q.includes()
                    + " exclude " + q.excludes();
            Path journal = null;
            if (q.mode() != RunOptions.Mode.VERIFY) {
                // plan and dry-run read the journal the copy would use (same identity, same default file)
                journal = q.journal() != null ? q.journal() : ctx.stateDir().resolve("migrate").resolve("journal-" + shortHash(identity) + ".log");
                try {
                    Journal.checkIdentity(journal, identity);
                } catch (IOException e) {
                    throw new UsageException("--journal " + journal + ": cannot read (" + e.getClass().getSimpleName() + ")");
                }
            }
            new Migration(src, dst, opts, journal, identity, Progress.NONE).preflight();
            Instant started = Instant.now();
            String command = q.mode() == RunOptions.Mode.DRY_RUN ? "dry-run" : q.mode().name().toLowerCase(java.util.Locale.ROOT);
            Map<String, Object> destination = describe(dst);
            if (residency != null) {
                destination.put("policy", residency.toJson());
            }
            ReportHeader header = new ReportHeader(command, VersionProvider.version(), describe(src), destination,
                    shard.isAll() ? null : shard.toString(), started, options(q, journal), proof(q));
            boolean tty = System.console() != null;
            Progress progress = Progresses.create(command, ProgressModel.phasesOf(command, q.verify() == RunOptions.VerifyMode.READBACK, q.deep()),
                    common.quiet || common.json, tty, q.progressInterval());
            Migration migration = new Migration(src, dst, opts, journal, identity, progress);
            Migration.Outcome outcome;
            try (ReportWriter report = ReportWriter.open(q.report(), header)) {
                try (Progress p = progress) {
                    outcome = migration.run(report);
                }
                int exit = ExitCodes.of(q.mode(), outcome);
                Map<String, Object> estimate = estimate(outcome.estimate());
                report.finish(new ReportTrailer(Instant.now(), outcome.totals(), exit, outcome.aborted(), estimate));
                if (!common.quiet && !common.json) {
                    Summary.print(System.err, command, src.location().toString(), dst.location().toString(), Duration.between(started, Instant.now()),
                            outcome.totals(), report.problems(), outcome.totals().differences(), report.manifest().objects(),
                            report.manifest().sha256(), outcome.aborted(), estimate, proof(q), exit);
                    if (q.report() != null) {
                        System.err.println("  report: " + q.report());
                    }
                }
                if (common.json) {
                    printJson(command, exit, outcome, report, q.report(), estimate, proof(q));
                }
                return exit;
            }
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String shortHash(String s) {
        return Hex.encode(Hashing.sha256().digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    static Map<String, Object> describe(Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("location", e.location().toString());
        m.put("backend", e.location().backend());
        m.put("type", e.type());
        m.put("jurisdiction", e.jurisdiction());
        m.put("certifications", List.copyOf(new java.util.TreeSet<>(e.certifications())));
        m.put("container", e.container());
        m.put("prefix", e.location().prefix());
        return m;
    }

    private static Map<String, Object> options(Request q, Path journal) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parallel", q.parallel());
        if (q.mode() == RunOptions.Mode.COPY || q.mode() == RunOptions.Mode.DRY_RUN) {
            m.put("verify", q.verify().name().toLowerCase(java.util.Locale.ROOT));
            m.put("dryRun", q.mode() == RunOptions.Mode.DRY_RUN);
            m.put("deleteExtraneous", q.deleteExtraneous());
        }
        if (q.mode() != RunOptions.Mode.VERIFY) {
            m.put("bwlimit", q.bwlimit());
            m.put("journal", journal == null ? null : journal.toString());
        }
        if (q.mode() == RunOptions.Mode.VERIFY) {
            m.put("deep", q.deep());
        }
        m.put("include", q.includes());
        m.put("exclude", q.excludes());
        m.put("shard", q.shard());
        m.put("retries", q.retries());
        m.put("retryDelay", q.retryDelay());
        m.put("sortListings", q.sortListings());
        return m;
    }

    private static Map<String, Object> estimate(Estimator.Estimate e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration", Summary.duration(e.duration()));
        m.put("seconds", e.duration().toMillis() / 1000.0);
        m.put("basis", e.basis());
        m.put("sampledObjects", e.sampledObjects());
        m.put("sampledBytes", e.sampledBytes());
        m.put("bytesPerSecond", e.bytesPerSecond());
        m.put("millisPerObject", e.millisPerObject());
        m.put("concurrency", e.concurrency());
        return m;
    }

    /** @return verify: the proof it uses ({@code metadata}, or {@code re-read} with --deep); null for the other commands */
    static String proof(Request q) {
        if (q.mode() != RunOptions.Mode.VERIFY) {
            return null;
        }
        return q.deep() ? Summary.PROOF_REREAD : Summary.PROOF_METADATA;
    }

    private static void printJson(String command, int exit, Migration.Outcome o, ReportWriter report, Path reportFile, Map<String, Object> estimate,
                                  String proof) {
        try {
            JsonGenerator g = Json.FACTORY.createGenerator(System.out);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", command);
            m.put("exitCode", exit);
            if (proof != null) {
                m.put("proof", proof);
            }
            m.put("totals", ReportWriter.totalsJson(o.totals()));
            m.put("aborted", o.aborted());
            m.put("estimate", estimate);
            m.put("report", reportFile == null ? null : reportFile.toString());
            m.put("manifestObjects", report.manifest().objects());
            m.put("manifestSha256", report.manifest().sha256());
            Json.write(g, m);
            g.flush();
            System.out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
