package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.io.Hex;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The writer of envelope format version 1 (before objects were bound to their bucket and key),
 * kept ONLY as test code, to prove such objects stay readable and that {@code rewrap} upgrades them.
 * Version 1: data key wrapped under the KEK itself (AES-KWP), every record's AAD is the 16-byte
 * preamble with version byte 1, header version byte 1. Holds the object in memory (tests only).
 */
public final class LegacyEnvelopeV1 {
    private LegacyEnvelopeV1() {
    }

    /**
     * Writes a version-1 object straight to the host store, as the old decorator did.
     *
     * @param host the store under the encryption decorator
     * @param kekId the KEK id recorded
     * @param kek the KEK's 32 bytes
     * @return what the host stored
     */
    public static ObjectInfo put(BlobStore host, String container, String key, String kekId, byte[] kek, byte[] plain,
                                 String contentType, Map<String, String> userMetadata) {
        try {
            byte[] dataKey = ChunkCipher.newDataKey();
            Cipher wrap = Cipher.getInstance("AES/KWP/NoPadding");
            wrap.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
            byte[] wrapped = wrap.doFinal(dataKey);
            byte[] body = seal(dataKey, plain, contentType, userMetadata);
            Map<String, String> meta = Map.of(Envelope.META_FORMAT, "1", Envelope.META_KEK, kekId,
                    Envelope.META_WRAPPED_KEY, Base64.getEncoder().encodeToString(wrapped));
            return host.put(container, key, new ByteArrayInputStream(body), body.length,
                    PutOptions.builder().contentType(Envelope.HOST_CONTENT_TYPE).userMetadata(meta).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the version-1 envelope of {@code plain} under {@code dataKey} */
    static byte[] seal(byte[] dataKey, byte[] plain, String contentType, Map<String, String> userMetadata) throws GeneralSecurityException {
        byte[] aad = EnvelopeFormat.preamble(EnvelopeFormat.UNBOUND_VERSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(aad);
        long chunks = EnvelopeFormat.chunkCount(plain.length);
        for (long i = 0; i < chunks; i++) {
            int from = (int) (i * EnvelopeFormat.CHUNK_SIZE);
            byte[] chunk = Arrays.copyOfRange(plain, from, from + EnvelopeFormat.plainChunkLength(i, plain.length));
            out.writeBytes(gcm(dataKey, EnvelopeFormat.nonce(EnvelopeFormat.DOMAIN_DATA, i, i == chunks - 1), aad, chunk));
        }
        EnvelopeHeader h = new EnvelopeHeader(plain.length, Hex.encode(MessageDigest.getInstance("SHA-256").digest(plain)),
                Hex.encode(MessageDigest.getInstance("MD5").digest(plain)), contentType, userMetadata);
        byte[] header = h.encode();
        header[0] = (byte) EnvelopeFormat.UNBOUND_VERSION;
        out.writeBytes(gcm(dataKey, EnvelopeFormat.nonce(EnvelopeFormat.DOMAIN_HEADER, 0, true), aad, header));
        return out.toByteArray();
    }

    private static byte[] gcm(byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(plain);
    }
}
