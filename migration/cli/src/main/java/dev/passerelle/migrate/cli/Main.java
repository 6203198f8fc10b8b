package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.ExitCodes;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * The CLI's entry point: runs picocli with OUR exit-code mapping ({@link ExitCodes}), never
 * picocli's defaults, and prints one line on stderr for any failure that stops a command.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    /**
     * @param args the command line
     * @return the process exit code
     */
    @Override
    public int run(String... args) {
        CommandLine cl = new CommandLine(MigrateCommand.class, factory);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            System.err.println("passerelle-migrate: " + ExitCodes.message(ex));
            if (ExitCodes.of(ex) == ExitCodes.INTERNAL && MigrateKeys.systemProperties().get(MigrateKeys.TRACE)) {
                ex.printStackTrace();
            }
            return ExitCodes.of(ex);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("passerelle-migrate: " + ex.getMessage() + " (see passerelle-migrate " + commandName(ex.getCommandLine()) + "--help)");
            return ExitCodes.USAGE;
        });
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }

    private static String commandName(CommandLine cl) {
        return cl == null || cl.getParent() == null ? "" : cl.getCommandName() + " ";
    }
}
