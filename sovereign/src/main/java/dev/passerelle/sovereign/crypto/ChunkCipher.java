package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM under one object's data key, one record at a time. Not thread-safe: one instance
 * per stream. The nonce of each record is derived from its domain, index and final flag
 * ({@link EnvelopeFormat#nonce}); that is safe because a data key encrypts exactly one object.
 * The authenticated data of every record is fixed per object ({@link EnvelopeFormat#aad}): in
 * version 2 it binds the record to the object's bucket and key.
 */
final class ChunkCipher {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final int version;
    private final byte[] aad;

    /**
     * @param dataKey the object's 32-byte data key
     * @param version the envelope version ({@link EnvelopeFormat#VERSION}, or {@link EnvelopeFormat#UNBOUND_VERSION} to read old objects)
     * @param binding where the object belongs (unused for version 1)
     */
    ChunkCipher(byte[] dataKey, int version, EnvelopeBinding binding) {
        this.version = version;
        this.aad = EnvelopeFormat.aad(version, binding);
        if (dataKey.length != 32) {
            throw new StorageException(ErrorKind.INTEGRITY, "data key must be 32 bytes");
        }
        this.key = new SecretKeySpec(dataKey, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTERNAL, "AES/GCM is not available", e);
        }
    }

    /** @return the envelope version this cipher reads or writes */
    int version() {
        return version;
    }

    /** @return the preamble of this cipher's version */
    byte[] preamble() {
        return EnvelopeFormat.preamble(version);
    }

    /** @return a fresh random 256-bit data key */
    static byte[] newDataKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    /**
     * Encrypts one record.
     *
     * @return the number of ciphertext bytes written to {@code out} (input length + tag)
     */
    int encrypt(byte domain, long index, boolean last, byte[] in, int inLength, byte[] out) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, EnvelopeFormat.nonce(domain, index, last)));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, 0, inLength, out, 0);
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTERNAL, "encryption failed", e);
        }
    }

    /**
     * Decrypts and authenticates one record; nothing is returned unless the tag verifies.
     *
     * @return the number of plaintext bytes written to {@code out}
     * @throws StorageException INTEGRITY when authentication fails
     */
    int decrypt(byte domain, long index, boolean last, byte[] in, int inLength, byte[] out) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, EnvelopeFormat.nonce(domain, index, last)));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, 0, inLength, out, 0);
        } catch (AEADBadTagException e) {
            String what = domain == EnvelopeFormat.DOMAIN_HEADER ? "the encrypted header" : "chunk " + index;
            throw new StorageException(ErrorKind.INTEGRITY, what + " failed authentication: the stored ciphertext was altered, "
                    + "truncated, reordered or spliced, or belongs to another bucket or key", e);
        } catch (GeneralSecurityException e) {
            throw new StorageException(ErrorKind.INTEGRITY, "decryption failed", e);
        }
    }
}
