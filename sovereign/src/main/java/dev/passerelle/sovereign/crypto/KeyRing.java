package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The institution's key-encryption keys (KEKs), by id, and which one wraps new data keys. Data
 * keys are wrapped with AES key wrap with padding (RFC 5649, {@code AES/KWP/NoPadding}), under a
 * key derived from the KEK and the object's {@link EnvelopeBinding} (version 2), or under the KEK
 * itself for the unbound objects of version 1 (read only). KEKs never
 * leave this object: {@link #toString()} names ids only. Thread-safe (immutable).
 */
public final class KeyRing {
    /** Allowed KEK ids: they appear in configuration keys and in object metadata. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String WRAP = "AES/KWP/NoPadding";
    private static final byte[] WRAP_LABEL = "passerelle kek wrap v2".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, SecretKey> keys;
    private final String currentId;

    /**
     * @param currentId the id of the KEK that wraps new data keys; must be one of {@code keys}
     * @param keys every configured KEK (current and older ones kept for reads), each 32 bytes
     */
    public KeyRing(String currentId, Map<String, byte[]> keys) {
        Map<String, SecretKey> m = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : keys.entrySet()) {
            if (!ID.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("KEK id '" + e.getKey() + "' must match " + ID.pattern());
            }
            if (e.getValue().length != 32) {
                throw new IllegalArgumentException("KEK '" + e.getKey() + "' must be 32 bytes (AES-256), not " + e.getValue().length);
            }
            m.put(e.getKey(), new SecretKeySpec(e.getValue(), "AES"));
        }
        if (!m.containsKey(Objects.requireNonNull(currentId, "currentId"))) {
            throw new IllegalArgumentException("the current KEK '" + currentId + "' is not among the configured keys " + m.keySet());
        }
        this.keys = Collections.unmodifiableMap(m);
        this.currentId = currentId;
    }

    /** @return the id of the KEK that wraps new data keys */
    public String currentId() {
        return currentId;
    }

    /** @return the ids of every configured KEK */
    public Set<String> ids() {
        return keys.keySet();
    }

    /** @return whether a KEK with this id is configured */
    public boolean has(String id) {
        return keys.containsKey(id);
    }

    /**
     * Wraps a data key under a KEK for one object (envelope version 2): the wrapping key is derived
     * from the KEK and the object's binding (HKDF-Expand, RFC 5869, with the KEK as pseudorandom key:
     * {@code HMAC-SHA256(KEK, "passerelle kek wrap v2" | 0x00 | binding digest | 0x01)}), then used for
     * AES key wrap with padding. The wrapped key therefore unwraps only for that bucket and key.
     *
     * @param kekId the KEK to wrap under (usually {@link #currentId()})
     * @param dataKey the 32-byte data key
     * @param binding where the object belongs
     * @return the wrapped key (40 bytes)
     * @throws StorageException INTERNAL {@code kek_missing} when no KEK has that id
     */
    public byte[] wrap(String kekId, byte[] dataKey, EnvelopeBinding binding) {
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.ENCRYPT_MODE, derived(kek(kekId), binding));
            return c.doFinal(dataKey);
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTERNAL, "cannot wrap a data key with KEK '" + kekId + "'", e);
        }
    }

    /**
     * Unwraps the data key of a version-2 object.
     *
     * @param kekId the id of the KEK the object names
     * @param wrapped the wrapped data key
     * @param binding where the object was read from
     * @return the 32-byte data key
     * @throws StorageException INTERNAL {@code kek_missing} naming the id when it is not configured;
     *         INTEGRITY when it does not unwrap (the object was written for another bucket or key, the
     *         KEK material is not the one it was written with, or the wrapped key was altered)
     */
    public byte[] unwrap(String kekId, byte[] wrapped, EnvelopeBinding binding) {
        return unwrap(kekId, derived(kek(kekId), binding), wrapped, " for " + binding
                + ": the object was written for another bucket or key (moved, swapped or copied at the host), the configured key "
                + "material is not the one it was written with, or the wrapped key was altered");
    }

    /**
     * Unwraps the data key of a version-1 object (wrapped under the KEK itself, bound to nothing).
     *
     * @param kekId the id of the KEK the object names
     * @param wrapped the wrapped data key
     * @return the 32-byte data key
     * @throws StorageException INTERNAL {@code kek_missing} naming the id when it is not configured;
     *         INTEGRITY when the KEK does not unwrap it (wrong key material or an altered wrapped key)
     */
    public byte[] unwrapUnbound(String kekId, byte[] wrapped) {
        return unwrap(kekId, kek(kekId), wrapped,
                ": the configured key material is not the one the object was written with, or the wrapped key was altered");
    }

    private static byte[] unwrap(String kekId, SecretKey wrapping, byte[] wrapped, String why) {
        byte[] dataKey;
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.DECRYPT_MODE, wrapping);
            dataKey = c.doFinal(wrapped);
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTEGRITY, "the data key does not unwrap under KEK '" + kekId + "'" + why, e);
        }
        if (dataKey.length != 32) {
            throw new StorageException(ErrorKind.INTEGRITY, "the unwrapped data key is " + dataKey.length + " bytes, not 32");
        }
        return dataKey;
    }

    /** @return the wrapping key of one object: HKDF-Expand(KEK, label | 0x00 | binding digest, 32 bytes) */
    private static SecretKey derived(SecretKey kek, EnvelopeBinding binding) {
        byte[] material = kek.getEncoded();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            mac.update(WRAP_LABEL);
            mac.update((byte) 0);
            mac.update(binding.digest());
            mac.update((byte) 1);
            byte[] okm = mac.doFinal();
            SecretKey k = new SecretKeySpec(okm, "AES");
            Arrays.fill(okm, (byte) 0);
            return k;
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTERNAL, "HMAC-SHA256 is not available", e);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private SecretKey kek(String kekId) {
        SecretKey k = kekId == null ? null : keys.get(kekId);
        if (k == null) {
            throw new StorageException(ErrorKind.INTERNAL, "kek_missing", "the object is encrypted under KEK '" + kekId
                    + "', which is not configured (set passerelle.keys." + kekId + ".file or .keystore)", false, null);
        }
        return k;
    }

    /** @return the KEK ids, never key material */
    @Override
    public String toString() {
        return "KeyRing[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }
}
