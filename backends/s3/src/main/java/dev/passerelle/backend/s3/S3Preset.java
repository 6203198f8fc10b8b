package dev.passerelle.backend.s3;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ONE table of S3-compatible hosts Passerelle knows: endpoint template, addressing style,
 * default region and the host's limits. Every setting a preset fills can be overridden in the
 * backend's configuration; a preset never sets a jurisdiction (OVHcloud and Outscale also run
 * regions outside the EU, so only the operator knows who can compel the host).
 *
 * <p>Limits are those the providers document for multipart uploads (AWS: 5 MiB..5 GiB parts,
 * 10,000 parts, 5 TiB objects; Scaleway: at most 1,000 parts). "Native" conditional writes means
 * the host honours {@code If-None-Match: *} / {@code If-Match} on PutObject and
 * CompleteMultipartUpload atomically; other hosts get a check-then-put with a race window.
 * "Streamed puts" means the host refuses a PutObject body cut short of its Content-Length
 * (AWS and MinIO answer {@code IncompleteBody} and store nothing), which is what makes a streamed
 * upload's held-back last byte a commit point; s3rver, for one, stores what arrived. Hosts not
 * verified to refuse cut bodies get parts instead (turn {@code single-put-max} on for them once
 * {@code passerelle-migrate probe} has shown a cut upload leaves nothing).
 */
public enum S3Preset {
    /** Any S3-compatible host, nothing assumed: endpoint required, path style, conditions checked by Passerelle. */
    GENERIC("generic", null, "us-east-1", true, 10_000, false, false),
    /** Self-hosted MinIO: endpoint required, path style; MinIO honours conditional writes. */
    MINIO("minio", null, "us-east-1", true, 10_000, true, true),
    /** Clever Cloud Cellar (Ceph RGW): fixed host, virtual-host style, SigV4. */
    CLEVER_CLOUD("clever-cloud", "https://cellar-c2.services.clever-cloud.com", "us-east-1", false, 10_000, false, false),
    /** OVHcloud Object Storage (S3 API). */
    OVHCLOUD("ovhcloud", "https://s3.{region}.io.cloud.ovh.net", "gra", false, 10_000, false, false),
    /** Scaleway Object Storage: at most 1,000 parts per upload. */
    SCALEWAY("scaleway", "https://s3.{region}.scw.cloud", "fr-par", false, 1_000, false, false),
    /** 3DS Outscale Object Storage (OOS): path style. */
    OUTSCALE("outscale", "https://oos.{region}.outscale.com", "eu-west-2", true, 10_000, false, false),
    /** Amazon S3: virtual-host style; conditional writes on PutObject and CompleteMultipartUpload. */
    AWS("aws", "https://s3.{region}.amazonaws.com", "us-east-1", false, 10_000, true, true);

    /** Smallest part of a multipart upload (all but the last part), on every listed host. */
    public static final long MIN_PART_SIZE = 5L << 20;
    /** Largest part of a multipart upload on every listed host. */
    public static final long MAX_PART_SIZE = 5L << 30;
    /** Largest object on every listed host (the S3 API's limit). */
    public static final long MAX_OBJECT_SIZE = 5L << 40;
    /** Most bytes of user metadata on the wire (x-amz-meta-* names and values), as AWS enforces. */
    public static final int MAX_METADATA_WIRE_BYTES = 2048;

    private final String id;
    private final String endpointTemplate;
    private final String defaultRegion;
    private final boolean pathStyle;
    private final int maxParts;
    private final boolean nativeConditionalWrites;
    private final boolean streamedPuts;

    S3Preset(String id, String endpointTemplate, String defaultRegion, boolean pathStyle, int maxParts,
             boolean nativeConditionalWrites, boolean streamedPuts) {
        this.id = id;
        this.endpointTemplate = endpointTemplate;
        this.defaultRegion = defaultRegion;
        this.pathStyle = pathStyle;
        this.maxParts = maxParts;
        this.nativeConditionalWrites = nativeConditionalWrites;
        this.streamedPuts = streamedPuts;
    }

    /** @return the name used in {@code passerelle.backends.<name>.preset} */
    public String id() {
        return id;
    }

    /** @return the default region */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** @return whether the host is addressed path style ({@code host/bucket/key}) by default */
    public boolean pathStyle() {
        return pathStyle;
    }

    /** @return the most parts per multipart upload */
    public int maxParts() {
        return maxParts;
    }

    /** @return whether the host honours If-None-Match / If-Match on writes atomically */
    public boolean nativeConditionalWrites() {
        return nativeConditionalWrites;
    }

    /** @return whether the host is known to refuse a PutObject body cut short (so uploads may be streamed) */
    public boolean streamedPuts() {
        return streamedPuts;
    }

    /** @return the largest object: the API limit, or fewer when the part count caps it */
    public long maxObjectSize() {
        return Math.min(MAX_OBJECT_SIZE, maxParts * MAX_PART_SIZE);
    }

    /**
     * @param region the region to fill into the template
     * @return the endpoint for that region, or empty when the host has no fixed endpoint (self-hosted)
     */
    public Optional<String> endpoint(String region) {
        return Optional.ofNullable(endpointTemplate).map(t -> t.replace("{region}", region));
    }

    /**
     * @param id a preset name, case-insensitive
     * @return the preset, or empty when unknown
     */
    public static Optional<S3Preset> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }

    /** @return the preset names, comma-separated, for error messages */
    public static String ids() {
        return Arrays.stream(values()).map(S3Preset::id).collect(Collectors.joining(", "));
    }
}
