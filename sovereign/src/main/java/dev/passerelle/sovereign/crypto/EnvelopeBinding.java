package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Where an encrypted object belongs: the LOGICAL bucket (the name clients use, not the host's
 * container, so that moving a bucket to another host or container keeps its objects readable) and
 * the key. Envelope version 2 binds every record (chunks and header, through their AAD) and the
 * wrapped data key (through the KEK-derived wrapping key) to it, so an object moved, swapped or
 * copied at the host to another key or bucket fails authentication.
 *
 * @param bucket the logical bucket name
 * @param key the object key
 */
public record EnvelopeBinding(String bucket, String key) {
    private static final byte[] LABEL = "passerelle envelope binding v2".getBytes(StandardCharsets.US_ASCII);

    /** Checks both parts are present. */
    public EnvelopeBinding {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /**
     * @return SHA-256 of {@code "passerelle envelope binding v2" | 0x00 | len(bucket) (uint16) | bucket |
     *         len(key) (uint32) | key}, UTF-8; the length prefixes make the encoding unambiguous
     */
    byte[] digest() {
        byte[] b = bucket.getBytes(StandardCharsets.UTF_8);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(LABEL.length + 1 + 2 + b.length + 4 + k.length);
        buf.put(LABEL).put((byte) 0).putShort((short) b.length).put(b).putInt(k.length).put(k);
        try {
            return MessageDigest.getInstance("SHA-256").digest(buf.array());
        } catch (NoSuchAlgorithmException e) {
            throw new StorageException(ErrorKind.INTERNAL, "SHA-256 is not available", e);
        }
    }

    /** @return {@code bucket/key}, for messages */
    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
