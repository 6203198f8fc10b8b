package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

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
     * A version-1 object as the host stores it.
     *
     * @param body the stored bytes
     * @param hostMetadata the envelope metadata ({@code passerelle-enc=1}, KEK id, wrapped key)
     */
    public record Sealed(byte[] body, Map<String, String> hostMetadata) {
    }

    /**
     * Encrypts as the old decorator did.
     *
     * @param kekId the KEK id recorded
     * @param kek the KEK's 32 bytes
     * @return the stored bytes and metadata
     */
    public static Sealed seal(String kekId, byte[] kek, byte[] plain, String contentType, Map<String, String> userMetadata) {
        try {
            byte[] dataKey = new byte[32];
            new java.security.SecureRandom().nextBytes(dataKey);
            Cipher wrap = Cipher.getInstance("AES/KWP/NoPadding");
            wrap.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
            byte[] wrapped = wrap.doFinal(dataKey);
            return new Sealed(seal(dataKey, plain, contentType, userMetadata), Map.of(Envelope.META_FORMAT, "1", Envelope.META_KEK, kekId,
                    Envelope.META_WRAPPED_KEY, Base64.getEncoder().encodeToString(wrapped)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a version-1 object straight to the host store, as the old decorator did.
     *
     * @param host the store under the encryption decorator
     * @return what the host stored
     */
    public static ObjectInfo put(BlobStore host, String container, String key, String kekId, byte[] kek, byte[] plain,
                                 String contentType, Map<String, String> userMetadata) {
        Sealed s = seal(kekId, kek, plain, contentType, userMetadata);
        return host.put(container, key, new ByteArrayInputStream(s.body()), s.body().length,
                PutOptions.builder().contentType(Envelope.HOST_CONTENT_TYPE).userMetadata(s.hostMetadata()).build());
    }

    /** @return the version-1 envelope of {@code plain} under {@code dataKey} (public API only: usable from any class loader) */
    static byte[] seal(byte[] dataKey, byte[] plain, String contentType, Map<String, String> userMetadata) throws GeneralSecurityException {
        byte[] aad = EnvelopeFormat.preamble(EnvelopeFormat.UNBOUND_VERSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(aad);
        long chunks = EnvelopeFormat.chunkCount(plain.length);
        for (long i = 0; i < chunks; i++) {
            int from = (int) (i * EnvelopeFormat.CHUNK_SIZE);
            byte[] chunk = Arrays.copyOfRange(plain, from, from + EnvelopeFormat.plainChunkLength(i, plain.length));
            out.writeBytes(gcm(dataKey, nonce(0, i, i == chunks - 1), aad, chunk));
        }
        out.writeBytes(gcm(dataKey, nonce(1, 0, true), aad, header(plain, contentType, userMetadata)));
        return out.toByteArray();
    }

    /** domain | 0 | 0 | final | index (uint64), as in every version */
    private static byte[] nonce(int domain, long index, boolean last) {
        return ByteBuffer.allocate(12).put((byte) domain).put((byte) 0).put((byte) 0).put((byte) (last ? 1 : 0)).putLong(index).array();
    }

    /** version 1 | size | SHA-256 | MD5 | type | metadata, zero padded */
    private static byte[] header(byte[] plain, String contentType, Map<String, String> userMetadata) throws GeneralSecurityException {
        ByteBuffer b = ByteBuffer.allocate(EnvelopeFormat.HEADER_PLAIN_LENGTH);
        byte[] ct = contentType.getBytes(StandardCharsets.UTF_8);
        b.put((byte) EnvelopeFormat.UNBOUND_VERSION).putLong(plain.length).put(MessageDigest.getInstance("SHA-256").digest(plain))
                .put(MessageDigest.getInstance("MD5").digest(plain)).putShort((short) ct.length).put(ct);
        Map<String, String> sorted = new TreeMap<>(userMetadata);
        b.putShort((short) sorted.size());
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            byte[] n = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            b.putShort((short) n.length).put(n).putShort((short) v.length).put(v);
        }
        return b.array();
    }

    private static byte[] gcm(byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(plain);
    }
}
