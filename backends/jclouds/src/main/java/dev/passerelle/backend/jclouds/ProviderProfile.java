package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ListOrder;

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
 */
record ProviderProfile(ListOrder listOrder, long maxObjectSize, int metadataWireBytes, boolean local) {

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
            case "transient" -> new ProviderProfile(ListOrder.UTF16, SINGLE_PUT_LIMIT, 0, true);
            case "filesystem" -> new ProviderProfile(ListOrder.UTF16, SINGLE_PUT_LIMIT, 0, true);
            // S3: 2 KiB of x-amz-meta-* names and values; keys listed in UTF-8 byte order
            case "s3", "aws-s3" -> new ProviderProfile(ListOrder.UTF8_BINARY, SINGLE_PUT_LIMIT, 2048, false);
            // Swift: 4 KiB of X-Object-Meta-* per object (constraints.MAX_META_OVERALL_SIZE); listings sorted by sqlite (UTF-8 bytes)
            case "openstack-swift" -> new ProviderProfile(ListOrder.UTF8_BINARY, SINGLE_PUT_LIMIT, 4096, false);
            default -> new ProviderProfile(ListOrder.UTF8_BINARY, SINGLE_PUT_LIMIT, 2048, false);
        };
    }
}
