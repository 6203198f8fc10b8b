package dev.passerelle.backend.s3;

import dev.passerelle.api.StorageException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Wraps the host's ListObjectsV2 continuation token in Passerelle's own opaque format
 * ({@code s3.<base64url>}), so a token that did not come from this backend is refused as
 * INVALID_ARGUMENT on every host (some hosts, e.g. S3Proxy, take any string as a marker).
 */
final class ContinuationTokens {
    private static final String PREFIX = "s3.";

    private ContinuationTokens() {
    }

    /** @return the token handed to callers, or null when there is no next page */
    static String encode(String hostToken) {
        if (hostToken == null) {
            return null;
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hostToken.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the host's token, or null for the first page
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
