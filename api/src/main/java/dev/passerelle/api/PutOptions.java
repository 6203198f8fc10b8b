package dev.passerelle.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Options of a {@link BlobStore#put}: content type, user metadata, write conditions and the
 * checksums the caller expects. Conditions and expected checksums are checked BEFORE the backend's
 * commit point: a mismatch stores nothing and leaves a previous object intact.
 *
 * @param contentType the media type; null means {@code application/octet-stream}
 * @param userMetadata user metadata (validated by {@link Names#validateMetadata})
 * @param conditions If-Match / If-None-Match {@code *}
 * @param expectedMd5 lowercase hex MD5 the body must have, or null
 * @param expectedSha256 lowercase hex SHA-256 the body must have, or null
 * @param context who calls
 * @param prehashed both expected checksums were computed by the caller from these very bytes in an
 *                  earlier read (a local file hashed before it is sent). A store whose host checks
 *                  the body against a Content-MD5 before storing it may then skip hashing the body
 *                  again and rely on that check (the host's MD5 of what it received equals the MD5
 *                  hashed together with the SHA-256); any other store ignores it and hashes as usual.
 *                  Meaningless unless both expected checksums are given.
 * @param outcome filled by a backend that can tell at its commit point whether it created the key; null when nobody asks
 */
public record PutOptions(String contentType, Map<String, String> userMetadata, Conditions conditions,
                         String expectedMd5, String expectedSha256, CallContext context, boolean prehashed, PutOutcome outcome) {

    /** The media type used when none is given. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /** Fills defaults and copies the metadata. */
    public PutOptions {
        contentType = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(new TreeMap<>(userMetadata));
        conditions = conditions == null ? Conditions.NONE : conditions;
        expectedMd5 = expectedMd5 == null ? null : expectedMd5.toLowerCase(Locale.ROOT);
        expectedSha256 = expectedSha256 == null ? null : expectedSha256.toLowerCase(Locale.ROOT);
        context = context == null ? CallContext.system() : context;
        prehashed = prehashed && expectedMd5 != null && expectedSha256 != null;
    }

    /** @return options with every default and a system context */
    public static PutOptions defaults() {
        return builder().build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.contentType = contentType;
        b.userMetadata = userMetadata;
        b.conditions = conditions;
        b.expectedMd5 = expectedMd5;
        b.expectedSha256 = expectedSha256;
        b.context = context;
        b.prehashed = prehashed;
        b.outcome = outcome;
        return b;
    }

    /** Builder of {@link PutOptions}. */
    public static final class Builder {
        private String contentType;
        private Map<String, String> userMetadata = Map.of();
        private Conditions conditions = Conditions.NONE;
        private String expectedMd5;
        private String expectedSha256;
        private CallContext context;
        private boolean prehashed;
        private PutOutcome outcome;

        private Builder() {
        }

        /** @return this, with the media type */
        public Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        /** @return this, with the user metadata */
        public Builder userMetadata(Map<String, String> value) {
            this.userMetadata = Objects.requireNonNull(value);
            return this;
        }

        /** @return this, with the write conditions */
        public Builder conditions(Conditions value) {
            this.conditions = value;
            return this;
        }

        /** @return this, with the expected MD5 (hex) */
        public Builder expectedMd5(String hex) {
            this.expectedMd5 = hex;
            return this;
        }

        /** @return this, with the expected SHA-256 (hex) */
        public Builder expectedSha256(String hex) {
            this.expectedSha256 = hex;
            return this;
        }

        /** @return this, with the call context */
        public Builder context(CallContext value) {
            this.context = value;
            return this;
        }

        /** @return this, saying whether both expected checksums come from an earlier read of the same bytes */
        public Builder prehashed(boolean value) {
            this.prehashed = value;
            return this;
        }

        /** @return this, with the holder the backend fills at its commit point (created or replaced) */
        public Builder outcome(PutOutcome value) {
            this.outcome = value;
            return this;
        }

        /** @return the options */
        public PutOptions build() {
            return new PutOptions(contentType, userMetadata, conditions, expectedMd5, expectedSha256, context, prehashed, outcome);
        }
    }
}
