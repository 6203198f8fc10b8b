package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.RunOptions;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code verify}: compare both sides; report missing, extra and different objects. */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true,
        description = "List both sides and report missing, extra and different objects (size, stored SHA-256; with --deep, re-read and hash both sides).")
public class VerifyCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Mixin
    SelectionOptions sel = new SelectionOptions();

    @CommandLine.Option(names = "--deep", description = "Re-read and hash every object on both sides.")
    boolean deep;

    @CommandLine.Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
    Path report;

    @CommandLine.Option(names = "--shard", paramLabel = "K/N", description = "Verify only shard K (0-based) of N.")
    String shard;

    /** @return the exit code: 0 when both sides match */
    @Override
    public Integer call() throws Exception {
        return RunSupport.run(common, new RunSupport.Request(RunOptions.Mode.VERIFY, sel.from, sel.to, sel.parallel, RunOptions.VerifyMode.NONE,
                deep, false, sel.includes, sel.excludes, shard, null, null, report, sel.retries, sel.retryDelay, sel.progressInterval,
                sel.sortListings));
    }
}
