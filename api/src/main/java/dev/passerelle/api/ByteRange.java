package dev.passerelle.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A requested byte range, as in RFC 9110 §14.1.1: {@code first-last}, {@code first-} (open-ended) or
 * {@code -n} (the last n bytes). It is resolved against the object size with {@link #resolve(long)}.
 */
public final class ByteRange {
    private static final Pattern HTTP_RANGE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    private final long first;
    private final long last;
    private final long suffixLength;

    private ByteRange(long first, long last, long suffixLength) {
        this.first = first;
        this.last = last;
        this.suffixLength = suffixLength;
    }

    /**
     * @param first the first byte, 0-based
     * @param last the last byte, inclusive; may run past the object's end (then clamped)
     * @return the range {@code first-last}
     * @throws StorageException INVALID_ARGUMENT if first is negative or last is before first
     */
    public static ByteRange of(long first, long last) {
        if (first < 0 || last < first) {
            throw StorageException.invalid("invalid_range_syntax", "range " + first + "-" + last + " is not a valid byte range");
        }
        return new ByteRange(first, last, -1);
    }

    /**
     * @param first the first byte, 0-based
     * @return the open-ended range {@code first-}
     */
    public static ByteRange from(long first) {
        if (first < 0) {
            throw StorageException.invalid("invalid_range_syntax", "range start must be >= 0");
        }
        return new ByteRange(first, -1, -1);
    }

    /**
     * @param length how many bytes at the end of the object
     * @return the suffix range {@code -length}
     */
    public static ByteRange suffix(long length) {
        if (length < 0) {
            throw StorageException.invalid("invalid_range_syntax", "suffix length must be >= 0");
        }
        return new ByteRange(-1, -1, length);
    }

    /**
     * Parses an HTTP {@code Range} header holding a single byte range.
     *
     * @param header the header value; may be null
     * @return the range, or empty when the header is absent or malformed or asks for several ranges
     *         (RFC 9110 lets a server ignore such a header and serve the whole object)
     */
    public static Optional<ByteRange> parseHttp(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = HTTP_RANGE.matcher(header);
        if (!m.matches()) {
            return Optional.empty();
        }
        String a = m.group(1);
        String b = m.group(2);
        try {
            if (a.isEmpty() && b.isEmpty()) {
                return Optional.empty();
            }
            if (a.isEmpty()) {
                return Optional.of(suffix(Long.parseLong(b)));
            }
            long first = Long.parseLong(a);
            if (b.isEmpty()) {
                return Optional.of(from(first));
            }
            long last = Long.parseLong(b);
            return last < first ? Optional.empty() : Optional.of(of(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return whether this is a suffix range {@code -n} */
    public boolean isSuffix() {
        return suffixLength >= 0;
    }

    /** @return the first byte, or -1 for a suffix range */
    public long first() {
        return first;
    }

    /** @return the last byte, or -1 if open-ended or a suffix range */
    public long last() {
        return last;
    }

    /** @return the suffix length, or -1 if this is not a suffix range */
    public long suffixLength() {
        return suffixLength;
    }

    /**
     * Resolves against an object's size. An end past the object is clamped to its last byte.
     *
     * @param size the object's size in bytes
     * @return the resolved range
     * @throws StorageException INVALID_RANGE if the range starts at or past the end, or is an empty suffix,
     *         or the object is empty
     */
    public ResolvedRange resolve(long size) {
        if (isSuffix()) {
            if (suffixLength == 0 || size == 0) {
                throw unsatisfiable(size);
            }
            return new ResolvedRange(Math.max(0, size - suffixLength), size - 1, size);
        }
        if (first >= size) {
            throw unsatisfiable(size);
        }
        long end = last < 0 || last >= size ? size - 1 : last;
        return new ResolvedRange(first, end, size);
    }

    private StorageException unsatisfiable(long size) {
        return new StorageException(ErrorKind.INVALID_RANGE, "range " + this + " is not satisfiable for an object of " + size + " bytes");
    }

    @Override
    public String toString() {
        if (isSuffix()) {
            return "bytes=-" + suffixLength;
        }
        return "bytes=" + first + "-" + (last < 0 ? "" : Long.toString(last));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteRange r && r.first == first && r.last == last && r.suffixLength == suffixLength;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(first) * 31 * 31 + Long.hashCode(last) * 31 + Long.hashCode(suffixLength);
    }
}
