package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the encrypted header record of an object holds: everything the host must not see. It is
 * encoded into exactly {@link EnvelopeFormat#HEADER_PLAIN_LENGTH} bytes (zero padded), so its
 * size reveals nothing about the metadata.
 *
 * @param size the plaintext size
 * @param sha256 lowercase hex SHA-256 of the plaintext
 * @param md5 lowercase hex MD5 of the plaintext
 * @param contentType the media type given by the client
 * @param userMetadata the client's user metadata
 */
public record EnvelopeHeader(long size, String sha256, String md5, String contentType, Map<String, String> userMetadata) {
    /** Bytes of the header before the content type and the metadata: version, size, SHA-256, MD5, two lengths and the entry count. */
    private static final int FIXED = 1 + 8 + 32 + 16 + 2 + 2;
    /** The content type the declared budget leaves room for (a media type with parameters is far shorter). */
    static final int CONTENT_TYPE_ROOM = 256;
    /**
     * The user-metadata budget an encrypted bucket declares: the header holds every entry as two
     * 2-byte lengths plus its bytes, so per byte of metadata the costliest entry (a one-byte name,
     * an empty value) takes 5; this many bytes fit whatever their shape, beside a content type of up
     * to {@value #CONTENT_TYPE_ROOM} bytes.
     */
    public static final int USER_METADATA_BUDGET = (EnvelopeFormat.HEADER_PLAIN_LENGTH - FIXED - CONTENT_TYPE_ROOM) / 5;

    /** Copies the metadata. */
    public EnvelopeHeader {
        userMetadata = Map.copyOf(new TreeMap<>(userMetadata));
    }

    /**
     * @return the padded header plaintext, recording {@link EnvelopeFormat#VERSION} (the only version this code writes)
     * @throws StorageException INVALID_ARGUMENT {@code encrypted_header_too_large} when content type and metadata do not fit
     */
    byte[] encode() {
        byte[] ct = contentType.getBytes(StandardCharsets.UTF_8);
        int needed = FIXED + ct.length;
        Map<byte[], byte[]> entries = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(userMetadata).entrySet()) {
            byte[] n = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            entries.put(n, v);
            needed += 4 + n.length + v.length;
        }
        if (needed > EnvelopeFormat.HEADER_PLAIN_LENGTH || ct.length > 0xFFFF) {
            throw StorageException.invalid("encrypted_header_too_large", "content type and user metadata need " + needed
                    + " bytes in the encrypted header; at most " + EnvelopeFormat.HEADER_PLAIN_LENGTH + " fit");
        }
        ByteBuffer b = ByteBuffer.allocate(EnvelopeFormat.HEADER_PLAIN_LENGTH);
        b.put((byte) EnvelopeFormat.VERSION).putLong(size).put(Hex.decode(sha256)).put(Hex.decode(md5));
        b.putShort((short) ct.length).put(ct);
        b.putShort((short) entries.size());
        for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            b.putShort((short) e.getKey().length).put(e.getKey());
            b.putShort((short) e.getValue().length).put(e.getValue());
        }
        return b.array();
    }

    /**
     * @param plain the decrypted header record
     * @param expectedVersion the version of the envelope (from its metadata and preamble)
     * @return the header
     * @throws StorageException INTEGRITY when the record is malformed (it was authenticated, so this means a bug or a foreign writer)
     */
    static EnvelopeHeader decode(byte[] plain, int expectedVersion) {
        try {
            ByteBuffer b = ByteBuffer.wrap(plain);
            int version = b.get();
            if (version != expectedVersion) {
                throw new StorageException(ErrorKind.INTEGRITY, "unknown encrypted header version " + version);
            }
            long size = b.getLong();
            String sha = Hex.encode(bytes(b, 32));
            String md5 = Hex.encode(bytes(b, 16));
            String ct = new String(bytes(b, Short.toUnsignedInt(b.getShort())), StandardCharsets.UTF_8);
            int count = Short.toUnsignedInt(b.getShort());
            Map<String, String> meta = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String n = new String(bytes(b, Short.toUnsignedInt(b.getShort())), StandardCharsets.UTF_8);
                String v = new String(bytes(b, Short.toUnsignedInt(b.getShort())), StandardCharsets.UTF_8);
                meta.put(n, v);
            }
            return new EnvelopeHeader(size, sha, md5, ct, meta);
        } catch (BufferUnderflowException e) {
            throw new StorageException(ErrorKind.INTEGRITY, "encrypted header is malformed", e);
        }
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
