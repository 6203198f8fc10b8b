package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The layout of an encrypted object (envelope format version 2, and version 1 read only), as
 * arithmetic. See {@code docs/adr/0006-envelope-encryption-format.md}.
 *
 * <pre>
 * preamble   16 bytes   "PSRLENC" | version (0x02; 0x01 for old objects) | chunk size (int32, big-endian) | 4 zero bytes
 * chunk 0..n-1          AES-256-GCM(data key, nonce(DATA, i, i == n-1), aad, plaintext[i*C, (i+1)*C))
 *                       every chunk holds C = 64 KiB of plaintext except the last (1..C bytes; 0 only
 *                       for an empty object, which still has one authenticated final chunk)
 * header     4096 bytes AES-256-GCM(data key, nonce(HEADER, 0, final), aad, 4080-byte padded header)
 * aad        version 2: preamble | SHA-256 of the object's {@link EnvelopeBinding} (logical bucket and key)
 *            version 1: preamble only (the object is not bound to where it belongs)
 * </pre>
 *
 * Because every chunk but the last is full and the header has a fixed size, the plaintext size
 * follows exactly from the ciphertext length (and vice versa), so listings need no extra call.
 */
public final class EnvelopeFormat {
    /** Format version written by this code: bound to its bucket and key. */
    public static final int VERSION = 2;
    /** The first format version, still read: not bound to its bucket and key. */
    public static final int UNBOUND_VERSION = 1;
    /** Plaintext bytes per chunk. */
    public static final int CHUNK_SIZE = 64 * 1024;
    /** GCM tag length in bytes. */
    public static final int TAG_LENGTH = 16;
    /** Ciphertext bytes of a full chunk. */
    public static final int CIPHER_CHUNK_SIZE = CHUNK_SIZE + TAG_LENGTH;
    /** Length of the plaintext preamble. */
    public static final int PREAMBLE_LENGTH = 16;
    /** Length of the encrypted header record at the end of the object (tag included). */
    public static final int HEADER_CIPHER_LENGTH = 4096;
    /** Length of the padded header plaintext. */
    public static final int HEADER_PLAIN_LENGTH = HEADER_CIPHER_LENGTH - TAG_LENGTH;
    /** Bytes an object grows by, on top of {@link #TAG_LENGTH} per chunk. */
    public static final int FIXED_OVERHEAD = PREAMBLE_LENGTH + HEADER_CIPHER_LENGTH;
    /** Nonce domain of data chunks. */
    static final byte DOMAIN_DATA = 0;
    /** Nonce domain of the header record. */
    static final byte DOMAIN_HEADER = 1;

    private static final byte[] MAGIC = "PSRLENC".getBytes(StandardCharsets.US_ASCII);

    private EnvelopeFormat() {
    }

    /**
     * @param version {@link #VERSION} or {@link #UNBOUND_VERSION}
     * @return the preamble every object of that version starts with
     */
    public static byte[] preamble(int version) {
        ByteBuffer b = ByteBuffer.allocate(PREAMBLE_LENGTH);
        b.put(MAGIC).put((byte) version).putInt(CHUNK_SIZE).putInt(0);
        return b.array();
    }

    /**
     * @param version {@link #VERSION} or {@link #UNBOUND_VERSION}
     * @param binding where the object belongs (ignored for version 1)
     * @return the authenticated data of every record of such an object
     */
    static byte[] aad(int version, EnvelopeBinding binding) {
        byte[] p = preamble(version);
        if (version == UNBOUND_VERSION) {
            return p;
        }
        byte[] d = binding.digest();
        byte[] aad = Arrays.copyOf(p, p.length + d.length);
        System.arraycopy(d, 0, aad, p.length, d.length);
        return aad;
    }

    /**
     * @param index the record's index within its domain
     * @param domain {@link #DOMAIN_DATA} or {@link #DOMAIN_HEADER}
     * @param last whether this is the final record of the domain
     * @return the 96-bit GCM nonce: domain | 0 | 0 | final flag | index (64-bit big-endian)
     */
    static byte[] nonce(byte domain, long index, boolean last) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.put(domain).put((byte) 0).put((byte) 0).put((byte) (last ? 1 : 0)).putLong(index);
        return b.array();
    }

    /** @return the number of chunks of a plaintext of {@code size} bytes (at least one) */
    public static long chunkCount(long size) {
        return size == 0 ? 1 : (size + CHUNK_SIZE - 1) / CHUNK_SIZE;
    }

    /** @return the stored length of a plaintext of {@code size} bytes */
    public static long ciphertextLength(long size) {
        return FIXED_OVERHEAD + chunkCount(size) * TAG_LENGTH + size;
    }

    /** @return whether a stored length can be that of an envelope */
    public static boolean isValidCiphertextLength(long length) {
        return plaintextLengthOrMinusOne(length) >= 0;
    }

    /**
     * @param length the stored length
     * @return the plaintext size
     * @throws StorageException INTEGRITY when no plaintext size gives this length (truncated or padded object)
     */
    public static long plaintextLength(long length) {
        long size = plaintextLengthOrMinusOne(length);
        if (size < 0) {
            throw new StorageException(ErrorKind.INTEGRITY,
                    "stored length " + length + " is not the length of an encrypted object (truncated or extended)");
        }
        return size;
    }

    private static long plaintextLengthOrMinusOne(long length) {
        long data = length - FIXED_OVERHEAD;
        if (data < TAG_LENGTH) {
            return -1;
        }
        long chunks = (data + CIPHER_CHUNK_SIZE - 1) / CIPHER_CHUNK_SIZE;
        long lastCipher = data - (chunks - 1) * CIPHER_CHUNK_SIZE;
        if (lastCipher < TAG_LENGTH + (chunks == 1 ? 0 : 1)) {
            return -1;
        }
        return data - chunks * TAG_LENGTH;
    }

    /** @return the stored offset where chunk {@code index} starts */
    public static long chunkOffset(long index) {
        return PREAMBLE_LENGTH + index * CIPHER_CHUNK_SIZE;
    }

    /** @return the stored offset where the header record starts, for a plaintext of {@code size} bytes */
    public static long headerOffset(long size) {
        return ciphertextLength(size) - HEADER_CIPHER_LENGTH;
    }

    /** @return the plaintext length of chunk {@code index} of an object of {@code size} bytes */
    public static int plainChunkLength(long index, long size) {
        long start = index * CHUNK_SIZE;
        return (int) Math.min(CHUNK_SIZE, size - start);
    }
}
