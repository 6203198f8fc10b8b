package dev.passerelle.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One checksum of an object's content.
 *
 * @param algorithm which algorithm
 * @param hex the digest as lowercase hex
 * @param source who vouches for it: Passerelle computed it while streaming, or the host reported it
 */
public record Checksum(ChecksumAlgorithm algorithm, String hex, Source source) {

    /** Who computed a checksum. */
    public enum Source {
        /** Computed by Passerelle over the bytes it streamed, and stored with the object. */
        PASSERELLE,
        /** Reported by the host (e.g. Azure's Content-MD5); not computed by us. */
        HOST
    }

    /** Normalises to lowercase hex and checks the length. */
    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(source, "source");
        hex = Objects.requireNonNull(hex, "hex").toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength() || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw StorageException.invalid("invalid_checksum", algorithm + " checksum must be " + algorithm.hexLength() + " hex characters");
        }
    }

    /** @return a checksum computed by Passerelle */
    public static Checksum passerelle(ChecksumAlgorithm algorithm, String hex) {
        return new Checksum(algorithm, hex, Source.PASSERELLE);
    }

    /** @return a checksum reported by the host */
    public static Checksum host(ChecksumAlgorithm algorithm, String hex) {
        return new Checksum(algorithm, hex, Source.HOST);
    }
}
