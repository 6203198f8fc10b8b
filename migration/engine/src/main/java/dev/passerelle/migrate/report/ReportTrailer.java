package dev.passerelle.migrate.report;

import dev.passerelle.migrate.Totals;

import java.time.Instant;
import java.util.Map;

/**
 * What a report says after its objects.
 *
 * @param ended when the run ended
 * @param totals counts by status
 * @param exitCode the process exit code of the run
 * @param aborted why the run stopped early, or null
 * @param estimate plan only: the duration estimate and its sample, or null
 */
public record ReportTrailer(Instant ended, Totals totals, int exitCode, String aborted, Map<String, Object> estimate) {
}
