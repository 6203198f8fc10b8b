package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.RunOptions;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code plan}: what a copy would do, and how long it would take. Changes nothing. */
@CommandLine.Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Count what a copy would do (to copy, identical, different, only at destination) and estimate its duration. Changes nothing.")
public class PlanCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Mixin
    SelectionOptions sel = new SelectionOptions();

    @CommandLine.Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
    Path report;

    @CommandLine.Option(names = "--journal", paramLabel = "FILE",
            description = "The copy's journal, read (never written) to classify objects as the copy would (default: the copy's default journal).")
    Path journal;

    @CommandLine.Option(names = "--bwlimit", paramLabel = "RATE", description = "The copy's --bwlimit, for the estimate (nothing is throttled).")
    String bwlimit;

    /** @return the exit code: 0 when nothing is to be done, 1 when there are differences */
    @Override
    public Integer call() throws Exception {
        return RunSupport.run(common, new RunSupport.Request(RunOptions.Mode.PLAN, sel.from, sel.to, sel.parallel, RunOptions.VerifyMode.NONE,
                false, false, sel.includes, sel.excludes, null, bwlimit, journal, report, sel.retries, sel.retryDelay, sel.progressInterval,
                sel.sortListings));
    }

}
