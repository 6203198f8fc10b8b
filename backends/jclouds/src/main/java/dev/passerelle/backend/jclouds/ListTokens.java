package dev.passerelle.backend.jclouds;

import dev.passerelle.api.StorageException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Wraps jclouds' listing marker in Passerelle's own opaque token ({@code jc.<base64url>}), so a token
 * that did not come from this backend is refused as INVALID_ARGUMENT on every provider (the local
 * providers and S3Proxy accept any string as a marker).
 */
final class ListTokens {
    private static final String PREFIX = "jc.";

    private ListTokens() {
    }

    /** @return the token handed to callers, or null when there is no next page */
    static String encode(String marker) {
        if (marker == null || marker.isEmpty()) {
            return null;
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return jclouds' marker, or null for the first page
     * @throws StorageException INVALID_ARGUMENT when the token was not issued by this backend
     */
    static String decode(String token) {
        if (token == null) {
            return null;
        }
        if (!token.startsWith(PREFIX) || token.length() == PREFIX.length()) {
            throw invalid();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static StorageException invalid() {
        return StorageException.invalid("invalid_continuation_token", "the continuation token was not issued by this backend");
    }
}
