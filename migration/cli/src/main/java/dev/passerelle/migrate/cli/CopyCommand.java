package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.RunOptions;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code copy}: stream every object from source to destination, verify, journal, report. */
@CommandLine.Command(name = "copy", mixinStandardHelpOptions = true,
        description = "Copy objects missing or different at the destination, verify them, and resume after a crash from the journal.")
public class CopyCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Mixin
    SelectionOptions sel = new SelectionOptions();

    @CommandLine.Option(names = "--dry-run", description = "Report what would be copied or deleted; change nothing.")
    boolean dryRun;

    @CommandLine.Option(names = "--bwlimit", paramLabel = "RATE", description = "Limit reads to RATE bytes per second, e.g. 10M (MiB/s), 512K.")
    String bwlimit;

    @CommandLine.Option(names = "--verify", paramLabel = "MODE", defaultValue = "readback",
            description = "readback (re-read the destination and compare SHA-256), metadata (trust the destination's stored SHA-256), none. Default ${DEFAULT-VALUE}.")
    RunOptions.VerifyMode verify;

    @CommandLine.Option(names = "--journal", paramLabel = "FILE", description = "The journal (default: a file under <state-dir>/migrate/ named after source, destination and shard).")
    Path journal;

    @CommandLine.Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
    Path report;

    @CommandLine.Option(names = "--delete-extraneous", description = "Delete objects found only at the destination (never without this option).")
    boolean deleteExtraneous;

    @CommandLine.Option(names = "--shard", paramLabel = "K/N", description = "Handle only shard K (0-based) of N, by a stable hash of the key.")
    String shard;

    /** @return the exit code: 0 only when everything was copied and verified */
    @Override
    public Integer call() throws Exception {
        RunOptions.Mode mode = dryRun ? RunOptions.Mode.DRY_RUN : RunOptions.Mode.COPY;
        return RunSupport.run(common, new RunSupport.Request(mode, sel.from, sel.to, sel.parallel, verify, false, deleteExtraneous,
                sel.includes, sel.excludes, shard, bwlimit, journal, report, sel.retries, sel.retryDelay, sel.progressInterval,
                sel.sortListings));
    }
}
