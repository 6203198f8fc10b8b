package dev.passerelle.backend.s3;

import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ListOrder;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.api.spi.support.AsciiHeaderMetadata;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The resolved settings of one S3 backend: the preset's defaults with the operator's overrides
 * applied, checked once at start-up (a wrong value is a {@link ConfigException} naming the key).
 *
 * @param name the backend's name
 * @param preset the preset whose defaults apply
 * @param endpoint the endpoint URL ({@code https://host[:port]})
 * @param region the signing region
 * @param pathStyle whether buckets go in the path ({@code host/bucket/key}) rather than the host name
 * @param accessKey the access key (not a secret, but never logged with the secret)
 * @param secretKey the secret key; never logged
 * @param partSize the part size for unknown lengths and the largest buffered single-request upload
 * @param singlePutMax the largest known-length body streamed as ONE PutObject (larger ones go in parts)
 * @param uploadConcurrency how many parts of one upload are in flight at once
 * @param uploadBufferMemory the most bytes of upload buffers of ALL uploads of this store together
 * @param minPartSize the host's smallest part
 * @param maxPartSize the host's largest part
 * @param maxParts the host's most parts per upload
 * @param maxObjectSize the host's largest object
 * @param nativeConditionalWrites whether If-None-Match / If-Match are sent to the host on writes
 * @param maxMetadataWireBytes the most user-metadata bytes on the wire, checksums included
 * @param timeout the timeout of one HTTP exchange
 * @param directReads whether whole-object reads and buffered single puts bypass minio-java (path and virtual-host style)
 *                    ({@code direct-http}, default true; see {@link DirectS3Http})
 */
public record S3Settings(String name, S3Preset preset, String endpoint, String region, boolean pathStyle,
                         String accessKey, String secretKey, long partSize, long singlePutMax, int uploadConcurrency, long uploadBufferMemory,
                         long minPartSize, long maxPartSize, int maxParts, long maxObjectSize,
                         boolean nativeConditionalWrites, int maxMetadataWireBytes, Duration timeout, boolean directReads) {

    /** Default part size: objects up to this size go in one request; unknown lengths upload in parts of this size. */
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    /**
     * Default largest known-length body sent as one streamed PutObject (no buffer, one request, no
     * multipart state on the host) on hosts whose preset says they refuse cut bodies (0 on the
     * others); the same order as rclone's {@code upload_cutoff} (200 MiB).
     */
    public static final long DEFAULT_SINGLE_PUT_MAX = 200L << 20;
    /** The largest body S3 accepts in one PutObject. */
    public static final long MAX_SINGLE_PUT = 5L << 30;
    /** Default number of parts in flight per upload (memory per upload: at most part size x (this + 1)). */
    public static final int DEFAULT_UPLOAD_CONCURRENCY = 3;
    /** Default memory for the upload buffers of all uploads of one store together. */
    public static final long DEFAULT_UPLOAD_BUFFER_MEMORY = 128L << 20;

    /** Hides the secret. */
    @Override
    public String toString() {
        return "S3Settings[name=" + name + ", preset=" + preset.id() + ", endpoint=" + endpoint + ", region=" + region
                + ", pathStyle=" + pathStyle + ", partSize=" + partSize + ", singlePutMax=" + singlePutMax + ", uploadBufferMemory=" + uploadBufferMemory
                + ", maxParts=" + maxParts + "]";
    }

    /**
     * Resolves settings: {@code preset}, {@code endpoint}, {@code region}, {@code path-style},
     * {@code access-key}, {@code secret-key} (each with {@code -file}), {@code part-size}, {@code single-put-max},
     * {@code upload-concurrency}, {@code upload-buffer-memory}, {@code min-part-size}, {@code max-part-size}, {@code max-parts},
     * {@code max-object-size}, {@code conditional-writes} ({@code native} or {@code check}),
     * {@code max-metadata-bytes}, {@code timeout}.
     *
     * @throws ConfigException naming the key at fault
     */
    public static S3Settings from(BackendSettings s) {
        S3Preset preset = S3Preset.byId(s.get(S3Keys.PRESET)).orElseThrow();
        String region = s.find(S3Keys.REGION).orElse(preset.defaultRegion());
        String endpoint = s.find(S3Keys.ENDPOINT).or(() -> preset.endpoint(region)).orElseThrow(() ->
                new ConfigException(s.fullKey("endpoint"), "missing setting (preset " + preset.id() + " has no fixed endpoint)"));
        URI uri = parseEndpoint(s.fullKey("endpoint"), endpoint);
        boolean pathStyle = s.find(S3Keys.PATH_STYLE).orElse(preset.pathStyle());
        if (!pathStyle && isAddressLiteral(uri.getHost())) {
            // bucket.127.0.0.1 cannot resolve: an IP or localhost endpoint is always addressed path style
            pathStyle = true;
        }
        String accessKey = s.requireSecret(S3Keys.ACCESS_KEY);
        String secretKey = s.requireSecret(S3Keys.SECRET_KEY);
        long minPart = positive(s, "min-part-size", s.get(S3Keys.MIN_PART_SIZE));
        long maxPart = positive(s, "max-part-size", s.get(S3Keys.MAX_PART_SIZE));
        int maxParts = (int) positive(s, "max-parts", s.find(S3Keys.MAX_PARTS).orElse(preset.maxParts()));
        long partSize = s.find(S3Keys.PART_SIZE).orElse(Math.max(DEFAULT_PART_SIZE, minPart));
        if (partSize < minPart || partSize > maxPart || partSize > Integer.MAX_VALUE - 8) {
            throw new ConfigException(s.fullKey("part-size"), "must be between min-part-size (" + minPart + ") and max-part-size ("
                    + Math.min(maxPart, Integer.MAX_VALUE - 8) + ") bytes");
        }
        long singlePutMax = s.find(S3Keys.SINGLE_PUT_MAX).orElse(preset.streamedPuts() ? DEFAULT_SINGLE_PUT_MAX : 0);
        if (singlePutMax < 0 || singlePutMax > MAX_SINGLE_PUT) {
            throw new ConfigException(s.fullKey("single-put-max"), "must be between 0 (always use parts above part-size) and "
                    + MAX_SINGLE_PUT + " bytes (S3's largest PutObject)");
        }
        int concurrency = s.get(S3Keys.UPLOAD_CONCURRENCY);
        if (concurrency < 1 || concurrency > 64) {
            throw new ConfigException(s.fullKey("upload-concurrency"), "must be between 1 and 64");
        }
        long bufferMemory = s.find(S3Keys.UPLOAD_BUFFER_MEMORY).orElse(Math.max(DEFAULT_UPLOAD_BUFFER_MEMORY, 2 * partSize));
        if (bufferMemory < partSize) {
            throw new ConfigException(s.fullKey("upload-buffer-memory"), "must be at least part-size (" + partSize + " bytes)");
        }
        long maxObject = positive(s, "max-object-size", s.find(S3Keys.MAX_OBJECT_SIZE).orElse(Math.min(S3Preset.MAX_OBJECT_SIZE, maxParts * maxPart)));
        boolean nativeConditions = s.find(S3Keys.CONDITIONAL_WRITES).map("native"::equals).orElse(preset.nativeConditionalWrites());
        int metadataBytes = (int) positive(s, "max-metadata-bytes", s.get(S3Keys.MAX_METADATA_BYTES));
        Duration timeout = s.timeout();
        return new S3Settings(s.name(), preset, stripSlash(endpoint), region, pathStyle, accessKey, secretKey, partSize,
                singlePutMax, concurrency, bufferMemory, minPart, maxPart, maxParts, maxObject, nativeConditions, metadataBytes, timeout,
                s.get(S3Keys.DIRECT_HTTP));
    }

    /**
     * @return what this backend can do: the limits come from the preset (or the overrides), the
     *         atomicity of conditional writes from {@link #nativeConditionalWrites()}
     */
    public Capabilities capabilities() {
        return Capabilities.builder()
                .rangedReads(true)
                .serverSideCopy(true)
                .conditionalPut(true)
                .atomicConditionalPut(nativeConditionalWrites)
                .listOrder(ListOrder.UTF8_BINARY)
                .nativeMd5(false)
                .storesChecksums(true)
                .userMetadata(true)
                .writable(true)
                .maxUserMetadataBytes(AsciiHeaderMetadata.userBudget(maxMetadataWireBytes))
                .maxObjectSize(maxObjectSize)
                .minPartSize(minPartSize)
                .maxPartSize(maxPartSize)
                .maxParts(maxParts)
                // a body above part-size is streamed or sent in parts: its checksums go with the first request
                // when given, else a self-copy records them after the upload (ADR 0005)
                .upFrontChecksumsFrom(partSize + 1)
                .build();
    }

    private static long positive(BackendSettings s, String key, long value) {
        if (value <= 0) {
            throw new ConfigException(s.fullKey(key), "must be positive");
        }
        return value;
    }

    private static URI parseEndpoint(String key, String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new ConfigException(key, "expected an http(s) URL such as https://s3.example.com, got '" + endpoint + "'");
            }
            if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
                throw new ConfigException(key, "must not hold a path (got '" + uri.getPath() + "')");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "not a URL: '" + endpoint + "'");
        }
    }

    private static boolean isAddressLiteral(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            InetAddress.getByName(h);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String stripSlash(String endpoint) {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
