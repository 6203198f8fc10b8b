package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.io.BulkInputStream;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decrypts a run of consecutive chunks of an envelope and serves one plaintext range of
 * them. Each chunk is authenticated before any of its bytes is released; a chunk that fails, or a
 * ciphertext that ends early, throws {@link StorageException} INTEGRITY at that chunk, so a reader
 * never receives altered plaintext.
 */
final class DecryptingInputStream extends BulkInputStream {
    private final InputStream ciphertext;
    private final ChunkCipher cipher;
    private final long plaintextSize;
    private final long totalChunks;
    private final long endChunk;
    private final byte[] in = new byte[EnvelopeFormat.CIPHER_CHUNK_SIZE];
    private final byte[] plain = new byte[EnvelopeFormat.CHUNK_SIZE];
    private boolean checkPreamble;
    private long nextChunk;
    private long skip;
    private long remaining;
    private int pos;
    private int len;

    /**
     * @param ciphertext the stored bytes from the start of chunk {@code firstChunk} (or from offset 0 when {@code fromStart})
     * @param cipher the object's cipher
     * @param plaintextSize the whole object's plaintext size
     * @param fromStart whether the stream starts with the preamble (a whole-object read)
     * @param firstChunk the first chunk the stream holds
     * @param endChunk one past the last chunk to decrypt
     * @param skip plaintext bytes to drop at the start of the first chunk
     * @param length plaintext bytes to serve
     */
    DecryptingInputStream(InputStream ciphertext, ChunkCipher cipher, long plaintextSize, boolean fromStart,
                          long firstChunk, long endChunk, long skip, long length) {
        this.ciphertext = ciphertext;
        this.cipher = cipher;
        this.plaintextSize = plaintextSize;
        this.totalChunks = EnvelopeFormat.chunkCount(plaintextSize);
        this.checkPreamble = fromStart;
        this.nextChunk = firstChunk;
        this.endChunk = endChunk;
        this.skip = skip;
        this.remaining = length;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        while (remaining > 0 && pos == len) {
            if (!fill()) {
                throw new StorageException(ErrorKind.INTERNAL, "ran out of chunks with " + remaining + " bytes still to serve");
            }
        }
        if (remaining == 0) {
            if (checkPreamble) {
                fill(); // an empty object: still authenticate its final chunk
            }
            return -1;
        }
        int k = (int) Math.min(n, Math.min(len - pos, remaining));
        System.arraycopy(plain, pos, b, off, k);
        pos += k;
        remaining -= k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(len - pos, remaining);
    }

    private boolean fill() throws IOException {
        if (nextChunk >= endChunk) {
            return false;
        }
        if (checkPreamble) {
            byte[] p = ciphertext.readNBytes(EnvelopeFormat.PREAMBLE_LENGTH);
            if (!java.util.Arrays.equals(cipher.preamble(), p)) {
                throw new StorageException(ErrorKind.INTEGRITY, "the stored object does not start with the envelope preamble");
            }
            checkPreamble = false;
        }
        long index = nextChunk++;
        int plainLength = EnvelopeFormat.plainChunkLength(index, plaintextSize);
        int cipherLength = plainLength + EnvelopeFormat.TAG_LENGTH;
        int got = ciphertext.readNBytes(in, 0, cipherLength);
        if (got < cipherLength) {
            throw new StorageException(ErrorKind.INTEGRITY, "the stored ciphertext ended early, in chunk " + index);
        }
        len = cipher.decrypt(EnvelopeFormat.DOMAIN_DATA, index, index == totalChunks - 1, in, cipherLength, plain);
        pos = (int) Math.min(skip, len);
        skip -= pos;
        return true;
    }

    @Override
    public void close() throws IOException {
        ciphertext.close();
    }
}
