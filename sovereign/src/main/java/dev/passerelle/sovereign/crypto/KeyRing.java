package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The institution's key-encryption keys (KEKs), by id, and which one wraps new data keys. Data
 * keys are wrapped with AES key wrap with padding (RFC 5649, {@code AES/KWP/NoPadding}). KEKs never
 * leave this object: {@link #toString()} names ids only. Thread-safe (immutable).
 */
public final class KeyRing {
    /** Allowed KEK ids: they appear in configuration keys and in object metadata. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String WRAP = "AES/KWP/NoPadding";

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
     * Wraps a data key under the current KEK.
     *
     * @param dataKey the 32-byte data key
     * @return the wrapped key (40 bytes)
     */
    public byte[] wrap(byte[] dataKey) {
        return wrap(currentId, dataKey);
    }

    /**
     * Wraps a data key under a given KEK.
     *
     * @return the wrapped key
     * @throws StorageException INTERNAL {@code kek_missing} when no KEK has that id
     */
    public byte[] wrap(String kekId, byte[] dataKey) {
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.ENCRYPT_MODE, kek(kekId));
            return c.doFinal(dataKey);
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTERNAL, "cannot wrap a data key with KEK '" + kekId + "'", e);
        }
    }

    /**
     * Unwraps a data key.
     *
     * @param kekId the id of the KEK the object names
     * @param wrapped the wrapped data key
     * @return the 32-byte data key
     * @throws StorageException INTERNAL {@code kek_missing} naming the id when it is not configured;
     *         INTEGRITY when the KEK does not unwrap it (wrong key material or an altered wrapped key)
     */
    public byte[] unwrap(String kekId, byte[] wrapped) {
        SecretKey kek = kek(kekId);
        byte[] dataKey;
        try {
            Cipher c = Cipher.getInstance(WRAP);
            c.init(Cipher.DECRYPT_MODE, kek);
            dataKey = c.doFinal(wrapped);
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTEGRITY, "the data key does not unwrap under KEK '" + kekId
                    + "': the configured key material is not the one the object was written with, or the wrapped key was altered", e);
        }
        if (dataKey.length != 32) {
            throw new StorageException(ErrorKind.INTEGRITY, "the unwrapped data key is " + dataKey.length + " bytes, not 32");
        }
        return dataKey;
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
