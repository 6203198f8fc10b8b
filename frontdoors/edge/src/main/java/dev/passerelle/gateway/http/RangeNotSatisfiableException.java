package dev.passerelle.gateway.http;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

/** A range that starts at or past the end: answered 416 with {@code Content-Range: bytes *&#47;size}. */
public class RangeNotSatisfiableException extends StorageException {
    private static final long serialVersionUID = 1L;
    private final long size;

    /** @param size the size of the whole object */
    public RangeNotSatisfiableException(long size, String detail) {
        super(ErrorKind.INVALID_RANGE, detail);
        this.size = size;
    }

    /** @return the size of the whole object */
    public long size() {
        return size;
    }
}
