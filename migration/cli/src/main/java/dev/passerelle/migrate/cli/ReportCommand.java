package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.ExitCodes;
import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Totals;
import dev.passerelle.migrate.UsageException;
import dev.passerelle.migrate.report.ReportMerger;
import dev.passerelle.migrate.report.ReportReader;
import dev.passerelle.migrate.report.ReportWriter;
import dev.passerelle.migrate.report.Summary;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code report FILE}: the human summary of a JSON report; {@code report merge}: combine shard reports. */
@CommandLine.Command(name = "report", mixinStandardHelpOptions = true, subcommands = ReportCommand.Merge.class,
        description = "Print the human summary of a JSON report (exit code: the report's).")
public class ReportCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A JSON report written by plan, copy or verify.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @return 0 when the report shows no difference nor failure, else 1 */
    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing report FILE (or: report merge R1.json R2.json ...)");
        }
        try (ReportReader r = new ReportReader(file)) {
            Map<String, Object> h = r.header();
            List<ObjectResult> problems = new ArrayList<>();
            long problemCount = 0;
            while (r.hasNext()) {
                ObjectResult o = r.next();
                if (o.status().difference()) {
                    problemCount++;
                    if (problems.size() < ReportWriter.MAX_PROBLEMS) {
                        problems.add(o);
                    }
                }
            }
            Map<String, Object> t = r.trailer();
            if (!t.containsKey("manifestSha256")) {
                throw new UsageException(file + " is incomplete (no manifest): was its run interrupted?");
            }
            Totals totals = Summary.totalsOf((Map<String, Object>) t.get("totals"));
            Duration elapsed = Duration.between(Instant.parse((String) h.get("started")), Instant.parse((String) t.get("ended")));
            Map<String, Object> manifest = (Map<String, Object>) t.getOrDefault("manifest", Map.of());
            int exit = ((Number) t.getOrDefault("exitCode", (long) ExitCodes.of((String) h.get("command"), totals, (String) t.get("aborted")))).intValue();
            Summary.print(System.err, (String) h.get("command"), location(h, "source"), location(h, "destination"), elapsed, totals, problems,
                    problemCount, ((Number) manifest.getOrDefault("objects", 0L)).longValue(), (String) t.get("manifestSha256"),
                    (String) t.get("aborted"), (Map<String, Object>) t.get("estimate"), (String) h.get("proof"), exit);
            return exit;
        }
    }

    @SuppressWarnings("unchecked")
    static String location(Map<String, Object> header, String side) {
        Object m = header.get(side);
        return m instanceof Map<?, ?> map ? String.valueOf(((Map<String, Object>) map).get("location")) : String.valueOf(m);
    }

    /** {@code report merge R1.json R2.json ... [--output FILE]}. */
    @CommandLine.Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Merge the reports of the shards of one migration into one report with one manifest hash.")
    public static class Merge implements Callable<Integer> {

        @CommandLine.Parameters(arity = "1..*", paramLabel = "REPORT", description = "Shard reports.")
        List<Path> inputs;

        @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the merged report here.")
        Path output;

        @CommandLine.Option(names = {"-q", "--quiet"}, description = "No summary on stderr.")
        boolean quiet;

        @CommandLine.Option(names = "--json", description = "Print the manifest hash and totals as JSON on stdout.")
        boolean json;

        /** @return the merged report's exit code */
        @Override
        public Integer call() {
            ReportMerger.Result r = ReportMerger.merge(inputs, output, VersionProvider.version());
            if (!quiet && !json) {
                Summary.print(System.err, r.command() + " (merged " + inputs.size() + " reports)", r.source(), r.destination(), null,
                        r.totals(), r.problems(), r.totals().differences(), r.manifestObjects(), r.manifestSha256(), null, null, r.proof(), r.exitCode());
                if (output != null) {
                    System.err.println("  report: " + output);
                }
            }
            if (json) {
                System.out.println("{\"command\":\"" + r.command() + "\",\"exitCode\":" + r.exitCode() + ",\"objects\":" + r.totals().objects()
                        + ",\"manifestObjects\":" + r.manifestObjects() + ",\"manifestSha256\":\"" + r.manifestSha256() + "\"}");
            }
            return r.exitCode();
        }
    }
}
