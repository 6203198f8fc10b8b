package dev.passerelle.migrate.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/** Which objects a run handles, and how hard it tries. Shared by plan, copy and verify. */
public class SelectionOptions {

    @CommandLine.Option(names = "--from", required = true, paramLabel = "BACKEND:bucket[/prefix]", description = "The source.")
    String from;

    @CommandLine.Option(names = "--to", required = true, paramLabel = "BACKEND:bucket[/prefix]", description = "The destination.")
    String to;

    @CommandLine.Option(names = "--include", paramLabel = "GLOB", description = "Only keys matching (repeatable; relative to the prefix).")
    List<String> includes = new ArrayList<>();

    @CommandLine.Option(names = "--exclude", paramLabel = "GLOB", description = "Skip keys matching (repeatable).")
    List<String> excludes = new ArrayList<>();

    @CommandLine.Option(names = "--parallel", paramLabel = "N", defaultValue = "8", description = "Objects handled at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @CommandLine.Option(names = "--retries", paramLabel = "N", defaultValue = "5", description = "Copies (or read-backs) of an object again from the source after a failure no call retry can mend: a put whose stream was read, a stream cut mid-body, damaged bytes (default ${DEFAULT-VALUE}). Each call is retried apart, up to the backend's retry-max-attempts.")
    int retries;

    @CommandLine.Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "500ms",
            description = "First backoff before a copy again, doubled each time, full jitter, up to 30s (default ${DEFAULT-VALUE}).")
    String retryDelay;

    @CommandLine.Option(names = "--sort-listings",
            description = "Re-sort every listing locally (bounded memory), even of backends that declare UTF-8 binary order; for hosts that list out of order.")
    boolean sortListings;

    @CommandLine.Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between progress lines when stderr is not a terminal (default ${DEFAULT-VALUE}).")
    long progressInterval;
}
