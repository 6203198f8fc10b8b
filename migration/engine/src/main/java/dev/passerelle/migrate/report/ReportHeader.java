package dev.passerelle.migrate.report;

import java.time.Instant;
import java.util.Map;

/**
 * What a report says before its objects: who wrote it, for which migration, with which options.
 *
 * @param command plan, copy, verify (or copy --dry-run as "dry-run")
 * @param version the tool version
 * @param source the source description (location, backend, type, jurisdiction; never credentials)
 * @param destination the destination description
 * @param shard {@code K/N}, or null when unsharded
 * @param started when the run started
 * @param options the options of the run
 * @param proof verify: what proves a match, {@code metadata} (sizes and stored SHA-256) or {@code re-read}
 *              (both sides read back and hashed); null for the other commands
 */
public record ReportHeader(String command, String version, Map<String, Object> source, Map<String, Object> destination,
                           String shard, Instant started, Map<String, Object> options, String proof) {
}
