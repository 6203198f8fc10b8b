package dev.passerelle.gateway.objects;

import dev.passerelle.api.Names;
import dev.passerelle.gateway.http.PercentCoding;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * User metadata as {@code X-Meta-<name>} headers: names lowercase, values percent-encoded UTF-8
 * (decoded on the way in, encoded on the way out so any Unicode value survives HTTP headers).
 */
public final class MetadataHeaders {
    /** The prefix of user-metadata headers. */
    public static final String PREFIX = "x-meta-";

    private MetadataHeaders() {
    }

    /**
     * @param headers the request headers
     * @return the user metadata, validated by {@link Names#validateMetadata}
     * @throws dev.passerelle.api.StorageException INVALID_ARGUMENT {@code invalid_metadata}
     */
    public static Map<String, String> read(MultivaluedMap<String, String> headers) {
        Map<String, String> meta = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                String value = String.join(",", e.getValue());
                meta.put(name.substring(PREFIX.length()), PercentCoding.decode(value, "invalid_metadata"));
            }
        }
        Names.validateMetadata(meta);
        return meta;
    }

    /** Adds the metadata to a response as {@code X-Meta-*} headers. */
    public static void write(Map<String, String> metadata, Response.ResponseBuilder response) {
        metadata.forEach((name, value) -> response.header("X-Meta-" + name, PercentCoding.encodeHeaderValue(value)));
    }
}
