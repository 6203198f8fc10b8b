package dev.passerelle.api;

/** The checksum algorithms the contract knows. Values are lowercase hex strings. */
public enum ChecksumAlgorithm {
    /** SHA-256: what Passerelle computes while streaming and uses to prove integrity. */
    SHA256("SHA-256", 64),
    /** MD5: computed alongside for hosts and clients that speak Content-MD5. */
    MD5("MD5", 32);

    private final String jcaName;
    private final int hexLength;

    ChecksumAlgorithm(String jcaName, int hexLength) {
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /** @return the JCA {@code MessageDigest} algorithm name */
    public String jcaName() {
        return jcaName;
    }

    /** @return the number of hex characters of a digest */
    public int hexLength() {
        return hexLength;
    }
}
