package dev.passerelle.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The naming rules, enforced in this one place for every backend so that any bucket can move to
 * any host. Every backend calls these before touching its host.
 */
public final class Names {
    /** Most bytes of user metadata (names + values, UTF-8), S3's limit. */
    public static final int MAX_METADATA_BYTES = 2048;
    /** Most bytes of a key in UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]");
    private static final Pattern METADATA_NAME = Pattern.compile("[a-z0-9-]+");

    private Names() {
    }

    /**
     * Container names: 3–63 characters, lowercase letters, digits and single hyphens, no leading or
     * trailing hyphen (the intersection of S3 and Azure rules).
     *
     * @param name the name to check
     * @throws StorageException INVALID_ARGUMENT with code {@code invalid_bucket_name}
     */
    public static void validateContainer(String name) {
        if (name == null || name.length() < 3 || name.length() > 63) {
            throw StorageException.invalid("invalid_bucket_name", "bucket name must be 3 to 63 characters long");
        }
        if (!CONTAINER.matcher(name).matches()) {
            throw StorageException.invalid("invalid_bucket_name",
                    "bucket name may hold only lowercase letters, digits and single hyphens, and must start and end with a letter or digit");
        }
    }

    /**
     * Keys: 1..1024 bytes of UTF-8, no NUL or other control character, no unpaired surrogate.
     *
     * @param key the key to check
     * @throws StorageException INVALID_ARGUMENT with code {@code invalid_key}
     */
    public static void validateKey(String key) {
        if (key == null || key.isEmpty()) {
            throw StorageException.invalid("invalid_key", "key must not be empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw StorageException.invalid("invalid_key", "key must not contain control characters (found U+" + String.format("%04X", (int) c) + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    throw StorageException.invalid("invalid_key", "key is not valid Unicode (unpaired surrogate)");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw StorageException.invalid("invalid_key", "key is not valid Unicode (unpaired surrogate)");
            }
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw StorageException.invalid("invalid_key", "key must be at most " + MAX_KEY_BYTES + " bytes of UTF-8");
        }
    }

    /**
     * User metadata: names lowercase {@code [a-z0-9-]+}, values any UTF-8 string (no control
     * characters), at most 2 KiB of names and values together.
     *
     * @param metadata the metadata to check (may be null or empty)
     * @throws StorageException INVALID_ARGUMENT with code {@code invalid_metadata}
     */
    public static void validateMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        int total = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String name = e.getKey();
            if (name == null || !METADATA_NAME.matcher(name).matches()) {
                throw StorageException.invalid("invalid_metadata", "metadata name '" + name + "' must match [a-z0-9-]+");
            }
            String value = e.getValue();
            if (value == null) {
                throw StorageException.invalid("invalid_metadata", "metadata '" + name + "' has no value");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) && c != '\t') {
                    throw StorageException.invalid("invalid_metadata", "metadata '" + name + "' must not contain control characters");
                }
                if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(++i)))) {
                    throw StorageException.invalid("invalid_metadata", "metadata '" + name + "' is not valid Unicode");
                }
            }
            total += name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_METADATA_BYTES) {
            throw StorageException.invalid("invalid_metadata", "user metadata must be at most " + MAX_METADATA_BYTES + " bytes in total (got " + total + ")");
        }
    }

    /**
     * Checks a container and a key together.
     *
     * @throws StorageException INVALID_ARGUMENT naming the rule
     */
    public static void validate(String container, String key) {
        validateContainer(container);
        validateKey(key);
    }
}
