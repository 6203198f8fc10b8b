package dev.passerelle.gateway.objects;

import dev.passerelle.api.io.BulkInputStream;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as the backend reads it: buffered with the upload's leased buffer, and counted.
 * A body that ends before its Content-Length, runs past it or past the object limit, or breaks off
 * (client disconnect, read timeout) fails the read with a {@link StorageException}, so the backend
 * stops before its commit point and stores nothing. This is the guard against Quarkus' silent
 * truncation at {@code max-body-size}.
 */
final class UploadStream extends BulkInputStream {
    private final InputStream in;
    private final long declared;
    private final long max;
    private long count;
    private boolean ended;

    /**
     * @param body the HTTP request body
     * @param declared the Content-Length, or -1 for a chunked body
     * @param max the largest object accepted
     * @param bufferSize the leased buffer's size
     */
    UploadStream(InputStream body, long declared, long max, int bufferSize) {
        this.in = new BufferedInputStream(body, bufferSize);
        this.declared = declared;
        this.max = max;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw new StorageException(ErrorKind.INVALID_ARGUMENT, "incomplete_body",
                    "the request body broke off after " + count + " bytes; nothing was stored", false, e);
        }
        if (n < 0) {
            if (declared >= 0 && count != declared) {
                throw StorageException.invalid("length_mismatch", "the body ended after " + count + " of the " + declared + " bytes of its Content-Length; nothing was stored");
            }
            ended = true;
            return -1;
        }
        count += n;
        if (declared >= 0 && count > declared) {
            throw StorageException.invalid("length_mismatch", "the body is longer than its Content-Length of " + declared + " bytes; nothing was stored");
        }
        if (count > max) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "the body exceeds this gateway's limit of " + max + " bytes; nothing was stored");
        }
        return n;
    }

    /** @return the bytes received so far */
    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
