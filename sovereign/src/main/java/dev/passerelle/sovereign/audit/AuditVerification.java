package dev.passerelle.sovereign.audit;

/**
 * The result of checking an audit file's chain.
 *
 * @param ok whether every line verified (and the expected checkpoint or head, if given, was found)
 * @param lines the number of lines read
 * @param firstBrokenLine the 1-based number of the first line that does not verify, or 0 when none
 * @param problem what is wrong, in one sentence; null when ok
 * @param lastMac the MAC of the last verified line (the checkpoint to export); {@link AuditChain#GENESIS} for an empty file
 * @param seed the seed of the file's {@code chain-start} line, or null for a file written before seeds
 */
public record AuditVerification(boolean ok, long lines, long firstBrokenLine, String problem, String lastMac, String seed) {

    /** @return a one-line human summary, e.g. for the CLI */
    public String summary() {
        return ok ? "audit chain OK: " + lines + " lines, last MAC " + lastMac + (seed == null ? " (no chain-start seed: written before seeds)" : "")
                : "audit chain BROKEN at line " + firstBrokenLine + ": " + problem + " (last verified MAC " + lastMac + ")";
    }
}
