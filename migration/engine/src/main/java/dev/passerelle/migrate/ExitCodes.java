package dev.passerelle.migrate;

import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.audit.AuditVerification;
import dev.passerelle.sovereign.crypto.RewrapResult;

/**
 * The ONE mapping from what happened to the process exit code, for every command:
 * <ul>
 *   <li>0 — done, and source and destination match (copy: everything copied and verified; rewrap:
 *       every encrypted object under the current KEK; audit-verify: the chain verifies);</li>
 *   <li>1 — differences found, or objects that still failed after retries;</li>
 *   <li>2 — usage, configuration, policy refusal, or a backend unreachable before the run;</li>
 *   <li>3 — internal error (a bug).</li>
 * </ul>
 */
public final class ExitCodes {
    /** Done and identical. */
    public static final int OK = 0;
    /** Differences or failures. */
    public static final int DIFFERENCES = 1;
    /** Usage, configuration, policy, unreachable backend. */
    public static final int USAGE = 2;
    /** Internal error. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }

    /**
     * @param mode what the run did
     * @param outcome what it found
     * @return the exit code of a run that completed (possibly with failures)
     */
    public static int of(RunOptions.Mode mode, Migration.Outcome outcome) {
        Totals t = outcome.totals();
        if (outcome.aborted() != null) {
            return DIFFERENCES;
        }
        long bad = t.objects(Status.FAILED) + t.objects(Status.CHANGED);
        return switch (mode) {
            case COPY -> bad > 0 ? DIFFERENCES : OK;
            case VERIFY, PLAN, DRY_RUN -> t.differences() > 0 ? DIFFERENCES : OK;
        };
    }

    /** @return the exit code of a report's totals (merge and report commands): 1 when it lists differences or failures */
    public static int of(String command, Totals totals, String aborted) {
        if (aborted != null) {
            return DIFFERENCES;
        }
        if ("copy".equals(command)) {
            return totals.objects(Status.FAILED) + totals.objects(Status.CHANGED) > 0 ? DIFFERENCES : OK;
        }
        return totals.differences() > 0 ? DIFFERENCES : OK;
    }

    /**
     * @param result what {@code rewrap} did
     * @return 0 when every encrypted object is under the current KEK, 1 when some could not be rewrapped
     *         (their KEK is missing or wrong, they changed meanwhile, ...)
     */
    public static int of(RewrapResult result) {
        return result.complete() ? OK : DIFFERENCES;
    }

    /**
     * @param verification what {@code audit-verify} found
     * @return 0 when the chain verifies (and reaches the expected checkpoint), 1 when it is broken or truncated
     */
    public static int of(AuditVerification verification) {
        return verification.ok() ? OK : DIFFERENCES;
    }

    /**
     * @param e a failure that stopped a command
     * @return its exit code
     */
    public static int of(Throwable e) {
        if (e instanceof UsageException || e instanceof ConfigException) {
            return USAGE;
        }
        if (e instanceof StorageException se) {
            return switch (se.kind()) {
                case INTERNAL -> INTERNAL;
                case CHECKSUM_MISMATCH, INTEGRITY, PRECONDITION_FAILED, OBJECT_NOT_FOUND, CONFLICT -> DIFFERENCES;
                default -> USAGE; // unknown backend, missing bucket, auth, forbidden (policy), unreachable
            };
        }
        if (e.getClass().getName().startsWith("picocli.CommandLine$Parameter")
                || e.getClass().getName().equals("picocli.CommandLine$ParameterException")) {
            return USAGE;
        }
        if (e instanceof java.io.UncheckedIOException) {
            return USAGE;
        }
        return INTERNAL;
    }

    /** @return one line describing a failure that stopped a command (no stack trace, no secret) */
    public static String message(Throwable e) {
        if (e instanceof UsageException || e instanceof ConfigException) {
            return e.getMessage();
        }
        if (e instanceof StorageException se) {
            return se.code() + ": " + se.getMessage();
        }
        String m = e.getMessage();
        return (of(e) == INTERNAL ? "internal error: " + e.getClass().getSimpleName() + ": " : "") + (m == null ? "" : m.lines().findFirst().orElse(""));
    }
}
