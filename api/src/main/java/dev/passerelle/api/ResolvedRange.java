package dev.passerelle.api;

/**
 * A byte range resolved against an object's size: both ends inclusive and inside the object.
 *
 * @param first the first byte, 0-based
 * @param last the last byte, inclusive ({@code first <= last < totalSize})
 * @param totalSize the size of the whole object
 */
public record ResolvedRange(long first, long last, long totalSize) {

    /** Checks the invariants. */
    public ResolvedRange {
        if (first < 0 || last < first || last >= totalSize) {
            throw new IllegalArgumentException("bad range " + first + "-" + last + "/" + totalSize);
        }
    }

    /** @return the number of bytes in the range */
    public long length() {
        return last - first + 1;
    }

    /** @return whether the range covers the whole object */
    public boolean isWhole() {
        return first == 0 && last == totalSize - 1;
    }

    /** @return the HTTP Content-Range value, e.g. {@code bytes 0-99/1000} */
    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + totalSize;
    }
}
