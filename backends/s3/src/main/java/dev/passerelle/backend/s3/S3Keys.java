package dev.passerelle.backend.s3;

import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;

import java.util.Arrays;

/** The keys of backend type {@code s3}, under {@code passerelle.backends.<name>.}. */
final class S3Keys {
    private static final String P = BackendKeys.PREFIX;

    static final ConfigKey<String> PRESET = ConfigKey.choice(P + "preset", Arrays.stream(S3Preset.values()).map(S3Preset::id).toArray(String[]::new))
            .defaultValue("generic").help("The host's preset: its endpoint, region, addressing style and limits.");
    static final ConfigKey<String> ENDPOINT = ConfigKey.string(P + "endpoint").defaultNote("from the preset")
            .help("`http(s)://host[:port]`, no path. Required with the presets `generic` and `minio`.");
    static final ConfigKey<String> REGION = ConfigKey.string(P + "region").defaultNote("from the preset")
            .help("The signing region; fills `{region}` in the preset's endpoint.");
    static final ConfigKey<Boolean> PATH_STYLE = ConfigKey.bool(P + "path-style").defaultNote("from the preset")
            .help("`true`: `host/bucket/key`; `false`: `bucket.host/key`. An IP address or `localhost` endpoint is always path style.");
    static final ConfigKey<String> ACCESS_KEY = ConfigKey.string(P + "access-key").markRequired().markSecret()
            .help("The access key id.");
    static final ConfigKey<String> SECRET_KEY = ConfigKey.string(P + "secret-key").markRequired().markSecret()
            .help("The secret access key.");
    static final ConfigKey<Long> PART_SIZE = ConfigKey.size(P + "part-size").defaultNote("`16MiB`, or `min-part-size` if larger")
            .help("Objects up to this size go in ONE request (buffered, hashed first); larger ones are streamed (see `single-put-max`) "
                    + "or sent in parts of at least this size; unknown lengths in parts of exactly this size. Between `min-part-size` and `max-part-size`.");
    static final ConfigKey<Long> SINGLE_PUT_MAX = ConfigKey.size(P + "single-put-max").defaultNote("`200MiB` for presets `minio` and `aws`, `0` for the others")
            .help("Known-length objects above `part-size` and up to this size are streamed as ONE PutObject; `0`: parts instead. At most 5 GiB. "
                    + "Turn it on for another host only once `passerelle-migrate probe` shows that a cut upload leaves nothing there.");
    static final ConfigKey<Integer> UPLOAD_CONCURRENCY = ConfigKey.integer(P + "upload-concurrency").defaultValue("3")
            .help("Parts of one upload in flight at once (1..64).");
    static final ConfigKey<Long> UPLOAD_BUFFER_MEMORY = ConfigKey.size(P + "upload-buffer-memory").defaultNote("`128MiB`, at least 2 x `part-size`")
            .help("The most bytes of upload buffers of ALL uploads of this store together; at least `part-size`.");
    static final ConfigKey<Long> MIN_PART_SIZE = ConfigKey.size(P + "min-part-size").defaultValue("5MiB").help("The host's smallest part.");
    static final ConfigKey<Long> MAX_PART_SIZE = ConfigKey.size(P + "max-part-size").defaultValue("5GiB").help("The host's largest part.");
    static final ConfigKey<Integer> MAX_PARTS = ConfigKey.integer(P + "max-parts").defaultNote("from the preset (10000; 1000 for `scaleway`)")
            .help("The host's most parts per upload.");
    static final ConfigKey<Long> MAX_OBJECT_SIZE = ConfigKey.size(P + "max-object-size").defaultNote("`5TiB`, or `max-parts` x `max-part-size` if smaller")
            .help("The host's largest object; larger puts fail with `PAYLOAD_TOO_LARGE`.");
    static final ConfigKey<String> CONDITIONAL_WRITES = ConfigKey.choice(P + "conditional-writes", "native", "check").defaultNote("from the preset")
            .help("`native`: send If-None-Match `*` / If-Match to the host (atomic); `check`: HEAD then put (a race window).");
    static final ConfigKey<Integer> MAX_METADATA_BYTES = ConfigKey.integer(P + "max-metadata-bytes").defaultValue("2048")
            .help("The host's limit on `x-amz-meta-*` names + values on the wire.");
    static final ConfigKey<Boolean> DIRECT_HTTP = ConfigKey.bool(P + "direct-http").defaultValue("true")
            .help("On path-style and virtual-host endpoints alike, whole-object reads and buffered single puts go through the JDK's `HttpURLConnection` and "
                    + "Passerelle's own Signature V4 instead of minio-java (ADR 0011); `false` keeps every call on minio-java.");

    static final ConfigKeys DECLARATION = ConfigKeys.of("backend-s3", "S3-compatible hosts (`type=s3`)", "",
            PRESET, ENDPOINT, REGION, PATH_STYLE, ACCESS_KEY, SECRET_KEY, PART_SIZE, SINGLE_PUT_MAX, UPLOAD_CONCURRENCY,
            UPLOAD_BUFFER_MEMORY, MIN_PART_SIZE, MAX_PART_SIZE, MAX_PARTS, MAX_OBJECT_SIZE, CONDITIONAL_WRITES, MAX_METADATA_BYTES, DIRECT_HTTP);

    private S3Keys() {
    }
}
