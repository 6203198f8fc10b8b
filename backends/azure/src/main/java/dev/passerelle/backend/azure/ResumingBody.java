package dev.passerelle.backend.azure;

import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.io.BulkInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a whole-object {@link DirectBlobHttp} read: exactly {@code info.size()} bytes. When the
 * connection breaks (or the body ends early), the rest is asked for again with a ranged Get Blob
 * pinned to the first answer's ETag, at most {@code resumes} times; a blob replaced meanwhile fails
 * the read (412) instead of mixing two versions.
 */
final class ResumingBody extends BulkInputStream {
    private final DirectBlobHttp direct;
    private final String container;
    private final String key;
    private final ObjectInfo info;
    private InputStream body;
    private long position;
    private int resumesLeft;
    private boolean closed;

    ResumingBody(DirectBlobHttp direct, String container, String key, ObjectInfo info, InputStream body, int resumes) {
        this.direct = direct;
        this.container = container;
        this.key = key;
        this.info = info;
        this.body = body;
        this.resumesLeft = resumes;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        long left = info.size() - position;
        if (left <= 0) {
            return -1;
        }
        int want = (int) Math.min(len, left);
        while (true) {
            IOException failure;
            try {
                int n = body.read(b, off, want);
                if (n > 0) {
                    position += n;
                    return n;
                }
                failure = new IOException("the connection ended after " + position + " of " + info.size() + " bytes");
            } catch (IOException e) {
                failure = e;
            }
            resume(failure);
        }
    }

    private void resume(IOException failure) throws IOException {
        if (resumesLeft-- <= 0) {
            throw failure;
        }
        try {
            body.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        try {
            body = direct.getBlob(container, key, position, info.size() - 1, info.etag()).body();
        } catch (DirectBlobHttp.DirectHttpException e) {
            IOException io = new IOException(e.status() == 412
                    ? "the object changed while it was read (" + position + " of " + info.size() + " bytes read)"
                    : "resuming the read after " + position + " bytes failed: " + e.getMessage(), failure);
            throw io;
        } catch (RuntimeException e) {
            throw new IOException("resuming the read after " + position + " bytes failed: " + e.getMessage(), failure);
        }
    }

    @Override
    public int available() throws IOException {
        return closed ? 0 : (int) Math.min(body.available(), info.size() - position);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            body.close();
        }
    }
}
