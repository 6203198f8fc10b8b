package dev.passerelle.gateway.objects;

import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.io.Hex;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;

/**
 * Streams an object to the client. When the whole object is served and Passerelle stored its
 * SHA-256, the bytes are hashed as they pass and the LAST buffer is held back until the hash is
 * verified: on a mismatch the connection is aborted, so the client sees a broken transfer (fewer
 * bytes than Content-Length), never a clean 200 of corrupt data. The event is logged as INTEGRITY.
 */
final class DownloadWriter implements StreamingOutput {
    private static final Logger LOG = Logger.getLogger(DownloadWriter.class);
    private static final int BUFFER = 64 * 1024;

    private final ObjectContent content;
    private final String expectedSha256;
    private final HttpServerRequest request;
    private final String description;
    private final LongConsumer bytesOut;

    /**
     * @param content the content to stream (closed by this writer)
     * @param expectedSha256 the stored SHA-256 to verify, or null to stream unverified (ranges, unknown hash)
     * @param request the HTTP request, whose connection is aborted on a mismatch
     * @param description the bucket and key, for the log
     * @param bytesOut receives the number of bytes written, for metrics
     */
    DownloadWriter(ObjectContent content, String expectedSha256, HttpServerRequest request, String description, LongConsumer bytesOut) {
        this.content = content;
        this.expectedSha256 = expectedSha256;
        this.request = request;
        this.description = description;
        this.bytesOut = bytesOut;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        long written = 0;
        try (ObjectContent c = content) {
            InputStream in = c.stream();
            MessageDigest digest = expectedSha256 == null ? null : sha256();
            byte[] buf = new byte[BUFFER];
            byte[] held = new byte[BUFFER];
            int heldLen = 0;
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (digest == null) {
                    out.write(buf, 0, n);
                    written += n;
                    continue;
                }
                digest.update(buf, 0, n);
                if (heldLen > 0) {
                    out.write(held, 0, heldLen);
                    written += heldLen;
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
                    written += heldLen;
                }
            }
            if (written != c.length()) {
                LOG.errorf("INTEGRITY: %s: the backend returned %d bytes instead of %d; transfer aborted", description, written, c.length());
                abort();
                throw new TransferAbortedException("short read from the backend; transfer aborted");
            }
            out.flush();
        } finally {
            bytesOut.accept(written);
        }
    }

    private void abort() {
        request.connection().close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
