package dev.passerelle.gateway.objects;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Streams an object to the client. When the whole object is served and Passerelle stored its
 * SHA-256, the bytes are hashed as they pass and the LAST buffer is held back until the hash is
 * verified: on a mismatch the connection is aborted, so the client sees a broken transfer (fewer
 * bytes than Content-Length), never a clean 200 of corrupt data. The event is logged as INTEGRITY.
 * A read that fails part-way (a tampered chunk of an encrypted object fails authentication with
 * INTEGRITY from the stream's {@code read()}) aborts the connection the same way once bytes have
 * gone out; before the first byte it is answered as a problem.
 */
final class DownloadWriter implements StreamingOutput {
    private static final Logger LOG = Logger.getLogger(DownloadWriter.class);
    private static final int BUFFER = 64 * 1024;
    private static final int ABORT_WAIT_SECONDS = 10;

    private final ObjectContent content;
    private final String expectedSha256;
    private final HttpServerRequest request;
    private final String description;

    /**
     * @param content the content to stream (closed by this writer)
     * @param expectedSha256 the stored SHA-256 to verify, or null to stream unverified (ranges, unknown hash)
     * @param request the HTTP request, whose connection is aborted on a mismatch
     * @param description the bucket and key, for the log
     */
    DownloadWriter(ObjectContent content, String expectedSha256, HttpServerRequest request, String description) {
        this.content = content;
        this.expectedSha256 = expectedSha256;
        this.request = request;
        this.description = description;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        long[] written = {0};
        // closing the content ends the chain's measurement of the download (its metrics layer)
        try (ObjectContent c = content) {
            try {
                stream(c, out, written);
            } catch (TransferAbortedException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                failedMidStream(e, written[0]);
            }
        }
    }

    private void stream(ObjectContent c, OutputStream out, long[] written) throws IOException {
        InputStream in = c.stream();
        MessageDigest digest = expectedSha256 == null ? null : sha256();
        byte[] buf = new byte[BUFFER];
        byte[] held = new byte[BUFFER];
        int heldLen = 0;
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            if (digest == null) {
                out.write(buf, 0, n);
                written[0] += n;
                continue;
            }
            digest.update(buf, 0, n);
            if (heldLen > 0) {
                out.write(held, 0, heldLen);
                written[0] += heldLen;
            }
            byte[] t = held;
            held = buf;
            buf = t;
            heldLen = n;
        }
        if (digest != null) {
            String actual = Hex.encode(digest.digest());
            if (!actual.equals(expectedSha256)) {
                LOG.errorf("INTEGRITY: %s: stored SHA-256 %s but the backend returned bytes hashing to %s; transfer aborted",
                        description, expectedSha256, actual);
                abort();
                throw new TransferAbortedException("integrity check failed; transfer aborted");
            }
            if (heldLen > 0) {
                out.write(held, 0, heldLen);
                written[0] += heldLen;
            }
        }
        if (written[0] != c.length()) {
            LOG.errorf("INTEGRITY: %s: the backend returned %d bytes instead of %d; transfer aborted", description, written[0], c.length());
            abort();
            throw new TransferAbortedException("short read from the backend; transfer aborted");
        }
        out.flush();
    }

    /**
     * A read failed part-way (e.g. INTEGRITY from a tampered encrypted chunk, a backend gone): before
     * any byte went out, the failure is rethrown and answered as a problem (502...); after, the status
     * line and headers are gone, so the connection is aborted and the client sees a broken transfer.
     */
    private void failedMidStream(Exception e, long written) throws IOException {
        if (written == 0) {
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
        String what = e instanceof StorageException se ? se.kind() + " (" + se.code() + "): " + se.detail() : e.getClass().getSimpleName();
        if (e instanceof StorageException se && se.kind() == ErrorKind.INTEGRITY) {
            LOG.errorf("INTEGRITY: %s: %s after %d bytes; transfer aborted", description, what, written);
        } else {
            LOG.warnf("%s: reading failed after %d bytes: %s; transfer aborted", description, written, what);
        }
        abort();
        TransferAbortedException aborted = new TransferAbortedException("read failed after " + written + " bytes; transfer aborted");
        aborted.initCause(e);
        throw aborted;
    }

    /**
     * Closes the connection and, off the event loop, waits until it is closed: whatever Quarkus then
     * writes for the failed request (a problem body) can no longer reach the client behind the bytes
     * already sent.
     */
    private void abort() {
        Future<Void> closed = request.connection().close();
        if (Context.isOnEventLoopThread()) {
            return;
        }
        try {
            closed.toCompletionStage().toCompletableFuture().get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("%s: closing the connection of an aborted transfer did not complete: %s", description, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
