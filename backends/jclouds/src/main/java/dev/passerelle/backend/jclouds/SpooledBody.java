package dev.passerelle.backend.jclouds;

import com.google.common.io.ByteSource;
import org.jclouds.io.Payload;
import org.jclouds.io.Payloads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An upload's body, read to its end BEFORE anything is sent to the host: up to {@code bufferSize}
 * bytes in memory, the rest spilled to a temporary file (deleted on {@link #close()}).
 *
 * <p>Why: S3 and Swift take an object's metadata in headers, before the body, and jclouds' PUT needs
 * the length up front. Reading the body first lets the put carry Passerelle's SHA-256/MD5 as metadata
 * and a Content-MD5 the host verifies, and lets length and checksum checks fail before the host is
 * called, so a bad body never becomes a visible object. Memory stays bounded by the buffer size; disk
 * use is at most the object's size, for the duration of the put.
 */
final class SpooledBody implements AutoCloseable {
    private final byte[] memory;
    private final int memoryLength;
    private final Path file;
    private final long length;

    private SpooledBody(byte[] memory, int memoryLength, Path file, long length) {
        this.memory = memory;
        this.memoryLength = memoryLength;
        this.file = file;
        this.length = length;
    }

    /**
     * Reads {@code in} to its end.
     *
     * @param in the body (usually a verifying stream, whose checks fire at its end)
     * @param bufferSize the most bytes kept in memory
     * @param spillDir where a larger body is spilled
     * @return the body
     * @throws IOException when reading {@code in} or writing the spill file fails (the file is then deleted)
     */
    static SpooledBody read(InputStream in, long bufferSize, Path spillDir) throws IOException {
        Buffer buffer = new Buffer();
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, bufferSize + 1 - buffer.size()));
            if (n < 0) {
                return new SpooledBody(buffer.array(), buffer.size(), null, buffer.size());
            }
            buffer.write(chunk, 0, n);
            if (buffer.size() > bufferSize) {
                return spill(in, buffer, chunk, spillDir);
            }
        }
    }

    private static SpooledBody spill(InputStream in, Buffer buffer, byte[] chunk, Path spillDir) throws IOException {
        Path file = Files.createTempFile(spillDir, "passerelle-jclouds-", ".upload");
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long total = buffer.size();
            out.write(buffer.array(), 0, buffer.size());
            buffer.release();
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
                total += n;
            }
            return new SpooledBody(null, 0, file, total);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** @return the body's length in bytes */
    long length() {
        return length;
    }

    /** @return whether the body was spilled to disk */
    boolean spilled() {
        return file != null;
    }

    /** @return a repeatable jclouds payload over the body (a retried request re-reads it) */
    Payload payload() {
        Payload payload = file == null
                ? Payloads.newByteSourcePayload(ByteSource.wrap(memory).slice(0, memoryLength))
                : Payloads.newFilePayload(file.toFile());
        payload.getContentMetadata().setContentLength(length);
        return payload;
    }

    /** Deletes the spill file, if any. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** A growable buffer whose array can be handed out without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }

        void release() {
            buf = new byte[0];
            count = 0;
        }
    }
}
