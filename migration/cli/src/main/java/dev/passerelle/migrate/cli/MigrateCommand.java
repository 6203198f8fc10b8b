package dev.passerelle.migrate.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;

/** {@code passerelle-migrate}: the top command; does nothing by itself but list its subcommands. */
@TopCommand
@CommandLine.Command(name = "passerelle-migrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Move a dataset between storage hosts and prove nothing was lost or altered.",
        subcommands = {PlanCommand.class, CopyCommand.class, VerifyCommand.class, ReportCommand.class, ProbeCommand.class,
            RewrapCommand.class, AuditVerifyCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; source and destination match", "1:differences found, or objects that still failed after retries",
            "2:usage, configuration, policy refusal or unreachable backend", "3:internal error"})
public class MigrateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: plan, copy, verify, report, probe, rewrap or audit-verify");
    }
}
