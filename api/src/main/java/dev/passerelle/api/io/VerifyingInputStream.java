package dev.passerelle.api.io;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wraps an upload's stream: counts the bytes, computes SHA-256 and MD5 while they pass, and at the
 * end checks the declared length and the expected checksums. Every backend's put reads through
 * one of these and calls {@link #finish()} BEFORE its commit point, so a short body, a long body or
 * a checksum mismatch never becomes a visible object.
 *
 * <p>Reading past a declared length fails at once (no need to buffer the excess). The stream does
 * not close the wrapped stream's owner's resources beyond {@link #close()} of the wrapped stream.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final long declaredLength;
    private final long maxLength;
    private final String expectedMd5;
    private final String expectedSha256;
    private final MessageDigest sha256;
    private final MessageDigest md5;
    private long count;
    private boolean eof;
    private String sha256Hex;
    private String md5Hex;

    /**
     * @param in the upload's bytes
     * @param declaredLength the length the caller declared, or -1 when unknown
     * @param maxLength the most bytes accepted when the length is unknown (PAYLOAD_TOO_LARGE past it)
     * @param expectedMd5 hex MD5 the bytes must have, or null
     * @param expectedSha256 hex SHA-256 the bytes must have, or null
     */
    public VerifyingInputStream(InputStream in, long declaredLength, long maxLength, String expectedMd5, String expectedSha256) {
        this(in, declaredLength, maxLength, expectedMd5, expectedSha256, true);
    }

    private VerifyingInputStream(InputStream in, long declaredLength, long maxLength, String expectedMd5, String expectedSha256,
                                 boolean hash) {
        super(in);
        if (declaredLength < -1) {
            throw StorageException.invalid("invalid_length", "length must be -1 (unknown) or >= 0");
        }
        if (declaredLength > maxLength) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "object of " + declaredLength + " bytes exceeds the limit of " + maxLength + " bytes");
        }
        this.declaredLength = declaredLength;
        this.maxLength = maxLength;
        this.expectedMd5 = expectedMd5;
        this.expectedSha256 = expectedSha256;
        this.sha256 = hash ? digest(ChecksumAlgorithm.SHA256) : null;
        this.md5 = hash ? digest(ChecksumAlgorithm.MD5) : null;
    }

    /**
     * @return a verifying stream for a put with these options
     */
    public static VerifyingInputStream forPut(InputStream in, long declaredLength, long maxLength, PutOptions options) {
        return new VerifyingInputStream(in, declaredLength, maxLength, options.expectedMd5(), options.expectedSha256());
    }

    /**
     * For a {@link PutOptions#prehashed()} put whose store has its HOST check the body against the
     * expected MD5 (Content-MD5) before storing it: counts the bytes and checks the length like any
     * other, but does not hash them again; {@link #checksums()} are then the expected ones, which the
     * caller hashed from the same bytes in an earlier read. A store that cannot have its host check
     * the body must use {@link #forPut} instead.
     *
     * @throws IllegalArgumentException when the options are not prehashed or the length is unknown
     */
    public static VerifyingInputStream hostChecked(InputStream in, long declaredLength, long maxLength, PutOptions options) {
        if (!options.prehashed()) {
            throw new IllegalArgumentException("only a prehashed body is checked by the host alone");
        }
        if (declaredLength < 0) {
            throw new IllegalArgumentException("a prehashed body has a known length");
        }
        return new VerifyingInputStream(in, declaredLength, maxLength, options.expectedMd5(), options.expectedSha256(), false);
    }

    /** @return whether this stream leaves the body's check to the host ({@link #hostChecked}) */
    public boolean isHostChecked() {
        return sha256 == null;
    }

    private static MessageDigest digest(ChecksumAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new StorageException(ErrorKind.INTERNAL, algorithm + " is not available", e);
        }
    }

    @Override
    public int read() throws IOException {
        if (eof) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            atEnd();
            return -1;
        }
        if (sha256 != null) {
            md5.update((byte) b);
            sha256.update((byte) b);
        }
        advance(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (eof) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            atEnd();
            return -1;
        }
        if (sha256 != null) {
            md5.update(b, off, n);
            sha256.update(b, off, n);
        }
        advance(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported on an upload stream");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readlimit) {
        // not supported
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void advance(int n) {
        count += n;
        if (declaredLength >= 0 && count > declaredLength) {
            throw StorageException.invalid("length_mismatch", "body is longer than the declared length of " + declaredLength + " bytes");
        }
        if (count > maxLength) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "body exceeds the limit of " + maxLength + " bytes");
        }
    }

    private void atEnd() {
        if (eof) {
            return;
        }
        if (declaredLength >= 0 && count != declaredLength) {
            throw StorageException.invalid("length_mismatch", "body ended after " + count + " of the declared " + declaredLength + " bytes");
        }
        eof = true;
        if (sha256 == null) {
            // host-checked: the bytes were hashed by the caller's earlier read
            sha256Hex = expectedSha256;
            md5Hex = expectedMd5;
            return;
        }
        sha256Hex = Hex.encode(sha256.digest());
        md5Hex = Hex.encode(md5.digest());
        if (expectedMd5 != null && !expectedMd5.equalsIgnoreCase(md5Hex)) {
            throw new StorageException(ErrorKind.CHECKSUM_MISMATCH, "body MD5 " + md5Hex + " does not match the expected " + expectedMd5);
        }
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256Hex)) {
            throw new StorageException(ErrorKind.CHECKSUM_MISMATCH, "body SHA-256 " + sha256Hex + " does not match the expected " + expectedSha256);
        }
    }

    /**
     * Makes sure the whole body arrived and matches: reads ahead to the end if the caller stopped
     * at exactly the declared length, then checks length and checksums. Call it before committing.
     *
     * @throws StorageException INVALID_ARGUMENT (length), CHECKSUM_MISMATCH, PAYLOAD_TOO_LARGE
     * @throws IOException when reading the rest of the body fails
     */
    public void finish() throws IOException {
        byte[] buf = new byte[8192];
        while (!eof) {
            if (read(buf, 0, buf.length) < 0) {
                break;
            }
        }
    }

    /** @return whether the end of the body was reached and verified */
    public boolean isComplete() {
        return eof;
    }

    /** @return how many bytes have passed so far */
    public long count() {
        return count;
    }

    /** @return the declared length, or -1 */
    public long declaredLength() {
        return declaredLength;
    }

    /** @return the SHA-256 hex of the whole body; only after the end was reached */
    public String sha256Hex() {
        requireComplete();
        return sha256Hex;
    }

    /** @return the MD5 hex of the whole body; only after the end was reached */
    public String md5Hex() {
        requireComplete();
        return md5Hex;
    }

    /** @return both checksums, marked as computed by Passerelle; only after the end was reached */
    public Map<ChecksumAlgorithm, Checksum> checksums() {
        requireComplete();
        Map<ChecksumAlgorithm, Checksum> m = new EnumMap<>(ChecksumAlgorithm.class);
        m.put(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, sha256Hex));
        m.put(ChecksumAlgorithm.MD5, Checksum.passerelle(ChecksumAlgorithm.MD5, md5Hex));
        return m;
    }

    private void requireComplete() {
        if (!eof) {
            throw new IllegalStateException("the body has not been read to its end");
        }
    }
}
