package dev.passerelle.backend.azure;

import dev.passerelle.api.StorageException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Passerelle's continuation token for Azure listings: Azure's marker of the page where the next
 * entry is, plus the last name already returned. Entries up to that name are skipped on resume,
 * so a page of ours may end in the middle of one of Azure's pages and the token still resumes
 * exactly. Encoded as URL-safe base64 of {@code v1 LF marker LF lastName}.
 *
 * @param marker Azure's continuation marker, or null for the start of the listing
 * @param lastName the last name (key or prefix) already returned, or null
 */
record ListToken(String marker, String lastName) {
    private static final String VERSION = "v1";

    /** @return the opaque token string */
    String encode() {
        String raw = VERSION + "\n" + (marker == null ? "" : marker) + "\n" + (lastName == null ? "" : lastName);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param token a token from {@link #encode()}
     * @return the decoded token
     * @throws StorageException INVALID_ARGUMENT ({@code invalid_continuation_token}) when it is not one of ours
     */
    static ListToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int a = raw.indexOf('\n');
            int b = a < 0 ? -1 : raw.indexOf('\n', a + 1);
            if (a < 0 || b < 0 || !raw.substring(0, a).equals(VERSION)) {
                throw invalid();
            }
            String marker = raw.substring(a + 1, b);
            String last = raw.substring(b + 1);
            return new ListToken(marker.isEmpty() ? null : marker, last.isEmpty() ? null : last);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static StorageException invalid() {
        return StorageException.invalid("invalid_continuation_token", "the continuation token is not one this backend issued");
    }
}
