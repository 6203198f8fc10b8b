package dev.passerelle.migrate.cli;

import picocli.CommandLine;

import java.nio.file.Path;

/** Options every command takes. */
public class CommonOptions {

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with the passerelle.* configuration (same keys as the gateway). "
                    + "Overrides application.properties; environment variables and -D still override it.")
    Path config;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "No progress and no summary on stderr (errors still go there).")
    boolean quiet;

    @CommandLine.Option(names = "--json", description = "Print a JSON result on stdout (no progress display).")
    boolean json;
}
