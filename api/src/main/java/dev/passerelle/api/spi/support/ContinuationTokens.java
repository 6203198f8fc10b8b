package dev.passerelle.api.spi.support;

import dev.passerelle.api.StorageException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Wraps a host's listing marker or continuation token in Passerelle's own opaque format
 * ({@code <prefix><base64url>}, no padding), so that a token that did not come from the backend is
 * refused as INVALID_ARGUMENT on every host, including hosts that take any string as a marker
 * (S3Proxy, jclouds' local providers).
 *
 * <p>Each backend keeps its own prefix (the s3 backend {@code "s3."}, the jclouds backend
 * {@code "jc."}); the prefix is part of the token format, so changing it invalidates the tokens
 * callers already hold.
 */
public final class ContinuationTokens {
    private final String prefix;

    /**
     * @param prefix the backend's token prefix, e.g. {@code "s3."}
     * @throws IllegalArgumentException if the prefix is empty
     */
    public ContinuationTokens(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a continuation token prefix must not be empty");
        }
        this.prefix = prefix;
    }

    /**
     * @param hostToken the host's marker or continuation token; null or empty when there is no next page
     * @return the token handed to callers, or null when there is no next page
     */
    public String encode(String hostToken) {
        if (hostToken == null || hostToken.isEmpty()) {
            return null;
        }
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(hostToken.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param token a token a caller passed back, or null for the first page
     * @return the host's marker or continuation token, or null for the first page
     * @throws StorageException INVALID_ARGUMENT ({@code invalid_continuation_token}) when the token
     *         was not issued by this backend
     */
    public String decode(String token) {
        if (token == null) {
            return null;
        }
        if (!token.startsWith(prefix) || token.length() == prefix.length()) {
            throw invalid();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(prefix.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static StorageException invalid() {
        return StorageException.invalid("invalid_continuation_token", "the continuation token was not issued by this backend");
    }
}
