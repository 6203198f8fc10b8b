package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ListOrder;
import dev.passerelle.api.Names;
import dev.passerelle.api.spi.support.AsciiHeaderMetadata;

import java.util.Locale;

/**
 * What Passerelle knows about each jclouds provider or API it has been run against, in ONE table:
 * the order the host lists keys in, the largest object one PUT may carry, and the host's limit on
 * user-metadata bytes on the wire. Unknown providers get conservative S3-like values; every value
 * can be overridden in the settings.
 *
 * @param listOrder the order the host lists keys in
 * @param maxObjectSize the largest object one PUT may carry (this bridge does not use multipart uploads)
 * @param metadataWireBytes the host's limit on user-metadata names and (encoded) values, 0 for none
 * @param local whether the provider runs inside this JVM (no network, no credentials)
 * @param metadataEntries the host's limit on metadata entries per object (Passerelle's two checksums
 *                        included), 0 for none
 */
record ProviderProfile(ListOrder listOrder, long maxObjectSize, int metadataWireBytes, boolean local, int metadataEntries) {

    /** Swift's default limit on metadata entries of an object. */
    static final int SWIFT_META_COUNT = 90;
    /** Swift's default limit on one metadata value, in bytes (encoded). */
    static final int SWIFT_META_VALUE_BYTES = 256;

    /**
     * @return the user-metadata budget to declare: what ANY metadata within it fits once encoded
     *         ({@link AsciiHeaderMetadata#userBudget}), at most the API's own, and, on a host that
     *         limits the entries, at most one byte per entry left after the checksums' two (every
     *         entry takes at least one byte); on Swift such a budget also keeps every encoded value
     *         under its 256 bytes
     */
    int userMetadataBudget() {
        int budget = Math.min(Names.MAX_METADATA_BYTES, AsciiHeaderMetadata.userBudget(metadataWireBytes));
        return metadataEntries > 0 ? Math.min(budget, Math.max(0, metadataEntries - 2)) : budget;
    }

    /** One PUT of S3 and of Swift carries at most 5 GiB. */
    static final long SINGLE_PUT_LIMIT = 5L << 30;

    /**
     * @param provider a jclouds provider or API id ({@code transient}, {@code filesystem}, {@code s3},
     *                 {@code aws-s3}, {@code openstack-swift}, ...)
     * @return the profile of that provider
     */
    static ProviderProfile of(String provider) {
        return switch (provider.toLowerCase(Locale.ROOT)) {
            // LocalBlobStore sorts names with String.compareTo (UTF-16 code units)
            case "transient" -> new ProviderProfile(ListOrder.UTF16, SINGLE_PUT_LIMIT, 0, true, 0);
            case "filesystem" -> new ProviderProfile(ListOrder.UTF16, SINGLE_PUT_LIMIT, 0, true, 0);
            // S3: 2 KiB of x-amz-meta-* names and values; keys listed in UTF-8 byte order
            case "s3", "aws-s3" -> new ProviderProfile(ListOrder.UTF8_BINARY, SINGLE_PUT_LIMIT, 2048, false, 0);
            // Swift: 4 KiB of X-Object-Meta-* per object (constraints.MAX_META_OVERALL_SIZE), at most 90 entries
            // (MAX_META_COUNT) of values up to 256 bytes (MAX_META_VALUE_LENGTH); listings sorted by sqlite (UTF-8 bytes)
            case "openstack-swift" -> new ProviderProfile(ListOrder.UTF8_BINARY, SINGLE_PUT_LIMIT, 4096, false, SWIFT_META_COUNT);
            default -> new ProviderProfile(ListOrder.UTF8_BINARY, SINGLE_PUT_LIMIT, 2048, false, 0);
        };
    }
}
