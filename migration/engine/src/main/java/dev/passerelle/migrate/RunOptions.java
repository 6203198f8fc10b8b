package dev.passerelle.migrate;

import dev.passerelle.core.decorators.RetryPolicy;

import java.nio.file.Path;

/**
 * How a run behaves.
 *
 * @param mode what the run does
 * @param parallel how many objects are handled at once
 * @param verify how copies are verified
 * @param deep verify: re-read and hash both sides of every object
 * @param deleteExtraneous copy: delete objects found only at the destination
 * @param filter which keys (globs, shard)
 * @param retry the attempts of a whole object copy or read-back ({@code --retries} + 1) and their backoff;
 *              each call is retried by core's call layer, not here (see {@link Restarts})
 * @param throttle the shared bandwidth limit
 * @param workDir where sort runs are spilled (created only when needed)
 * @param sortChunk the most listing entries held in memory when a listing is re-sorted
 * @param sortAll re-sort every listing, even of backends that declare UTF-8 binary order (for hosts
 *                that list out of their declared order)
 */
public record RunOptions(Mode mode, int parallel, VerifyMode verify, boolean deep, boolean deleteExtraneous,
                         KeyFilter filter, RetryPolicy retry, Throttle throttle, Path workDir, int sortChunk, boolean sortAll) {

    /** What a run does. */
    public enum Mode {
        /** Count what a copy would do; read only a small sample to estimate the duration. */
        PLAN,
        /** Report what a copy would do, object by object; change nothing. */
        DRY_RUN,
        /** Copy, verify, journal. */
        COPY,
        /** Compare both sides. */
        VERIFY
    }

    /** How a copied object is verified. */
    public enum VerifyMode {
        /** Re-read the destination and compare its SHA-256 with the source bytes'. */
        READBACK,
        /** Trust the SHA-256 Passerelle stored at the destination (falls back to readback when the destination stores none). */
        METADATA,
        /** No verification beyond the checksum checked while writing. */
        NONE
    }

    /** Checks bounds. */
    public RunOptions {
        if (parallel < 1 || parallel > 1024) {
            throw new UsageException("--parallel must be between 1 and 1024, got " + parallel);
        }
    }

    /** @return whether the run writes to the destination */
    public boolean writes() {
        return mode == Mode.COPY;
    }
}
