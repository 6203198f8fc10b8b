package dev.passerelle.migrate;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.api.io.VerifyingInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;

/** SHA-256 over streams, with byte counting for progress. */
public final class Hashing {
    private Hashing() {
    }

    /** @return a fresh SHA-256 digest */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new StorageException(ErrorKind.INTERNAL, "SHA-256 is not available", e);
        }
    }

    /**
     * Reads a stream to its end and hashes it, in constant memory.
     *
     * @param in the bytes (not closed here)
     * @param onBytes told how many bytes each read returned (progress); may be null
     * @return the SHA-256 hex and the number of bytes
     */
    public static Digest hash(InputStream in, LongConsumer onBytes) {
        HashingStream h = new HashingStream(in, onBytes);
        byte[] buf = new byte[64 * 1024];
        try {
            while (h.read(buf, 0, buf.length) >= 0) {
                // the stream hashes what passes
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h.digest();
    }

    /**
     * Reads a stream to its end and takes both its SHA-256 and its MD5, in constant memory.
     *
     * @param in the bytes (not closed here)
     * @return the two hex digests and the number of bytes
     */
    public static Both hashBoth(InputStream in) {
        // the puts' own verifying stream computes the same two digests; nothing is expected of it here
        VerifyingInputStream v = new VerifyingInputStream(in, -1, Long.MAX_VALUE, null, null);
        byte[] buf = new byte[64 * 1024];
        try {
            while (v.read(buf, 0, buf.length) >= 0) {
                // the stream hashes what passes
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Both(v.sha256Hex(), v.md5Hex(), v.count());
    }

    /**
     * Both digests of some bytes.
     *
     * @param sha256 the SHA-256 hex
     * @param md5 the MD5 hex
     * @param length the number of bytes hashed
     */
    public record Both(String sha256, String md5, long length) {
    }

    /**
     * A SHA-256 hex with the byte count it covers.
     *
     * @param sha256 the hex digest
     * @param length the number of bytes hashed
     */
    public record Digest(String sha256, long length) {
    }

    /** A stream that hashes and counts what passes through it. */
    public static final class HashingStream extends CountingStream {
        private final MessageDigest md = sha256();

        /**
         * @param in the bytes
         * @param onBytes told how many bytes each read returned; may be null
         */
        public HashingStream(InputStream in, LongConsumer onBytes) {
            super(in, onBytes);
        }

        @Override
        protected void passed(byte[] b, int off, int n) {
            md.update(b, off, n);
        }

        /** @return the digest of everything read (call once, at the end) */
        public Digest digest() {
            return new Digest(Hex.encode(md.digest()), count());
        }
    }

    /** A stream that counts what passes through it and notes whether its end was reached; subclasses may also look at the bytes. */
    public static class CountingStream extends FilterInputStream {
        private final LongConsumer onBytes;
        private long count;
        private boolean atEnd;

        /**
         * @param in the bytes
         * @param onBytes told how many bytes each read returned; may be null
         */
        public CountingStream(InputStream in, LongConsumer onBytes) {
            super(in);
            this.onBytes = onBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                passed(new byte[] {(byte) b}, 0, 1);
                counted(1);
            } else {
                atEnd = true;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                passed(b, off, n);
                counted(n);
            } else if (n < 0) {
                atEnd = true;
            }
            return n;
        }

        /** Sees each run of bytes read, before it is counted; the default does nothing. */
        protected void passed(byte[] b, int off, int n) {
        }

        @Override
        public final long skip(long n) throws IOException {
            throw new IOException("skip would leave bytes uncounted or unhashed");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(int n) {
            count += n;
            if (onBytes != null) {
                onBytes.accept(n);
            }
        }

        /** @return the number of bytes read so far */
        public long count() {
            return count;
        }

        /** @return whether a read returned the end of the stream */
        public boolean atEnd() {
            return atEnd;
        }
    }
}
