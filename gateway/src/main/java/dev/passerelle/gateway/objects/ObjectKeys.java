package dev.passerelle.gateway.objects;

import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;
import dev.passerelle.gateway.http.PercentCoding;

/**
 * Object keys as they arrive in URLs: percent-decoded strictly as UTF-8 (so {@code %2F} is a
 * slash and {@code %25} a percent sign), checked by {@link Names#validateKey}, and refused when a
 * segment is {@code .} or {@code ..}: such keys cannot be addressed reliably over HTTP (clients
 * and proxies remove dot segments) and are refused so they can never reach a backend's path logic.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /**
     * @param encoded the key as it appears in the URL path
     * @return the key
     * @throws StorageException INVALID_ARGUMENT {@code invalid_key}
     */
    public static String fromPath(String encoded) {
        String key = PercentCoding.decode(encoded, "invalid_key");
        Names.validateKey(key);
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw StorageException.invalid("invalid_key", "key segments '.' and '..' are not allowed");
            }
        }
        return key;
    }
}
