package dev.passerelle.migrate;

/**
 * The outcome for one object: one entry of the report.
 *
 * @param key the key relative to the source (and destination) prefix
 * @param size the size in bytes (the source's, or the destination's for an extra object)
 * @param sha256Source the SHA-256 of the source bytes, or null when not known
 * @param sha256Destination the SHA-256 of the destination bytes, or null when not known
 * @param status what happened
 * @param attempts how many copy attempts were made (0 when nothing was copied)
 * @param error why it failed or differs, or null
 */
public record ObjectResult(String key, long size, String sha256Source, String sha256Destination, Status status,
                           int attempts, String error) {

    /** @return the SHA-256 that goes into the manifest: the destination's when known, else the source's */
    public String manifestSha256() {
        return sha256Destination != null ? sha256Destination : sha256Source;
    }
}
