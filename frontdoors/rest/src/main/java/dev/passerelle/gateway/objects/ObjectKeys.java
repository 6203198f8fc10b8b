package dev.passerelle.gateway.objects;

import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;
import dev.passerelle.gateway.http.PercentCoding;
import dev.passerelle.gateway.http.RawPathGuard;
import io.vertx.ext.web.RoutingContext;

/**
 * Object keys as they arrive in URLs: percent-decoded strictly as UTF-8 (so {@code %2F} is a
 * slash and {@code %25} a percent sign), checked by {@link Names#validateKey}, and refused when a
 * segment is {@code .} or {@code ..}: such keys cannot be addressed reliably over HTTP (clients
 * and proxies remove dot segments) and are refused so they can never reach a backend's path logic.
 * The key is read from the raw request path ({@link RawPathGuard}), never from the normalised one,
 * so {@code tdir/}, {@code x//y} and {@code /lead} stay keys of their own.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /**
     * @param ctx the routing context of an object request
     * @return the key the client sent in the raw path
     * @throws StorageException INVALID_ARGUMENT {@code invalid_key} when the key is not valid, or when the
     *     raw path was not recognised as an object path (fail closed: never a key normalisation made)
     */
    public static String fromRequest(RoutingContext ctx) {
        String raw = RawPathGuard.rawKey(ctx);
        if (raw == null) {
            throw StorageException.invalid("invalid_key", "the object key could not be read from the request path as sent");
        }
        return fromPath(raw);
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
