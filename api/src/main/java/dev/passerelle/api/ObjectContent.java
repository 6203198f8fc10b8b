package dev.passerelle.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An object's bytes (the whole object or one range) and what is known about it. The CALLER owns
 * it and must close it, which releases the stream and any connection behind it.
 */
public final class ObjectContent implements Closeable {
    private final ObjectInfo info;
    private final ResolvedRange range;
    private final InputStream stream;

    /**
     * @param info the object's metadata (its size is the size of the whole object)
     * @param range the range the stream holds, or null when it holds the whole object
     * @param stream the bytes; exactly {@link #length()} of them
     */
    public ObjectContent(ObjectInfo info, ResolvedRange range, InputStream stream) {
        this.info = Objects.requireNonNull(info, "info");
        this.range = range;
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    /** @return the object's metadata */
    public ObjectInfo info() {
        return info;
    }

    /** @return the range served, or null when the whole object is served */
    public ResolvedRange range() {
        return range;
    }

    /** @return the number of bytes the stream holds */
    public long length() {
        return range == null ? info.size() : range.length();
    }

    /** @return the bytes; read it once, then close this content */
    public InputStream stream() {
        return stream;
    }

    /** @return a content with the same info and range over another stream (for decorators) */
    public ObjectContent withStream(InputStream other) {
        return new ObjectContent(info, range, other);
    }

    /** Closes the stream. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
