package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.io.BulkInputStream;
import dev.passerelle.api.io.VerifyingInputStream;

import java.io.IOException;
import java.util.Map;

/**
 * Turns a plaintext upload into a version-2 envelope, one 64 KiB chunk at a time: the preamble,
 * the chunks (the last one flagged final, found by reading one byte ahead), then the encrypted
 * header carrying the size and checksums computed while the plaintext streamed. Memory: two
 * chunk buffers, whatever the object size.
 *
 * <p>The plaintext source is a {@link VerifyingInputStream}: a short or long body or a checksum
 * mismatch throws from {@code read} before the final chunk is produced, so the backend never
 * reaches its commit point.
 */
final class EncryptingInputStream extends BulkInputStream {
    private enum State { PREAMBLE, CHUNKS, HEADER, DONE }

    private final VerifyingInputStream source;
    private final ChunkCipher cipher;
    private final String contentType;
    private final Map<String, String> userMetadata;
    private final byte[] plain = new byte[EnvelopeFormat.CHUNK_SIZE];
    private final byte[] out = new byte[Math.max(EnvelopeFormat.CIPHER_CHUNK_SIZE, EnvelopeFormat.HEADER_CIPHER_LENGTH)];
    private int outPos;
    private int outLen;
    private long index;
    private int lookahead = -1;
    private State state = State.PREAMBLE;
    private EnvelopeHeader header;

    EncryptingInputStream(VerifyingInputStream source, ChunkCipher cipher, String contentType, Map<String, String> userMetadata) {
        if (cipher.version() != EnvelopeFormat.VERSION) {
            throw new IllegalArgumentException("only envelope version " + EnvelopeFormat.VERSION + " is written");
        }
        this.source = source;
        this.cipher = cipher;
        this.contentType = contentType;
        this.userMetadata = userMetadata;
    }

    /** @return the header written at the end; only once the stream was read to its end */
    EnvelopeHeader header() {
        if (header == null) {
            throw new IllegalStateException("the envelope has not been produced to its end");
        }
        return header;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == outLen) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    private boolean fill() throws IOException {
        outPos = 0;
        switch (state) {
            case PREAMBLE -> {
                byte[] p = cipher.preamble();
                System.arraycopy(p, 0, out, 0, p.length);
                outLen = p.length;
                state = State.CHUNKS;
            }
            case CHUNKS -> {
                int n = 0;
                if (lookahead >= 0) {
                    plain[n++] = (byte) lookahead;
                    lookahead = -1;
                }
                n += source.readNBytes(plain, n, plain.length - n);
                boolean last = true;
                if (n == plain.length) {
                    int next = source.read();
                    if (next >= 0) {
                        lookahead = next;
                        last = false;
                    }
                }
                outLen = cipher.encrypt(EnvelopeFormat.DOMAIN_DATA, index++, last, plain, n, out);
                if (last) {
                    state = State.HEADER;
                }
            }
            case HEADER -> {
                header = new EnvelopeHeader(source.count(), source.sha256Hex(), source.md5Hex(), contentType, userMetadata);
                byte[] h = header.encode();
                outLen = cipher.encrypt(EnvelopeFormat.DOMAIN_HEADER, 0, true, h, h.length, out);
                state = State.DONE;
            }
            default -> {
                outLen = 0;
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        // the caller owns the plaintext source and closes it
    }
}
