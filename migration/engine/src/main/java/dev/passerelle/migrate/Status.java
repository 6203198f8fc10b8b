package dev.passerelle.migrate;

import java.util.Locale;

/** What happened to (or was found about) one object. Written in reports in lowercase. */
public enum Status {
    /** Copied to the destination and verified as asked. */
    COPIED(true, false),
    /** Already identical at the destination (same size and SHA-256): not copied. */
    IDENTICAL(true, false),
    /** Same size on both sides but no SHA-256 to compare (verify without --deep): not proven. */
    SIZE_ONLY(true, false),
    /** Plan/dry-run: same size, no SHA-256 on one side; would be compared or copied. */
    UNKNOWN(false, true),
    /** Present on both sides with different content. */
    DIFFERENT(false, true),
    /** Present at the source only. */
    MISSING(false, true),
    /** Present at the destination only. */
    EXTRA(false, true),
    /** Was present at the destination only and was deleted (--delete-extraneous). */
    DELETED(false, false),
    /** Changed or deleted at the source while being copied (If-Match on the listed ETag failed). */
    CHANGED(false, true),
    /** Still failed after retries. */
    FAILED(false, true);

    private final boolean inManifest;
    private final boolean difference;

    Status(boolean inManifest, boolean difference) {
        this.inManifest = inManifest;
        this.difference = difference;
    }

    /** @return whether objects in this state are part of the manifest (present and matching at the destination) */
    public boolean inManifest() {
        return inManifest;
    }

    /** @return whether this state is a difference or a failure (makes the exit code 1 for verify) */
    public boolean difference() {
        return difference;
    }

    /** @return the lowercase name used in reports */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the status of a report's lowercase name
     * @throws IllegalArgumentException when unknown
     */
    public static Status fromJson(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
