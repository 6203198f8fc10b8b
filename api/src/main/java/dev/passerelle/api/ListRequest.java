package dev.passerelle.api;

/**
 * One listing request. Keys come back in the order the backend declares in
 * {@link Capabilities#listOrder()}; objects and common prefixes together never exceed
 * {@code pageSize} per page.
 *
 * @param prefix only keys starting with this (null or empty: all)
 * @param delimiter when set (usually "/"), keys sharing a prefix up to the first delimiter after
 *                  {@code prefix} are rolled up into one common prefix
 * @param startAfter only keys (and prefixes) strictly after this one in listing order (null: from the start)
 * @param pageSize the maximum number of entries (objects + prefixes) per page, 1..1000
 * @param continuationToken the opaque token of the previous page, or null for the first page
 * @param context who calls
 */
public record ListRequest(String prefix, String delimiter, String startAfter, int pageSize,
                          String continuationToken, CallContext context) {

    /** The largest page any backend must serve. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** Fills defaults and checks the page size. */
    public ListRequest {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        startAfter = startAfter == null || startAfter.isEmpty() ? null : startAfter;
        if (pageSize == 0) {
            pageSize = MAX_PAGE_SIZE;
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw StorageException.invalid("invalid_limit", "page size must be between 1 and " + MAX_PAGE_SIZE);
        }
        continuationToken = continuationToken == null || continuationToken.isEmpty() ? null : continuationToken;
        context = context == null ? CallContext.system() : context;
    }

    /** @return a flat listing of everything, 1000 per page */
    public static ListRequest all() {
        return new ListRequest(null, null, null, MAX_PAGE_SIZE, null, null);
    }

    /** @return a flat listing of keys under {@code prefix} */
    public static ListRequest prefix(String prefix) {
        return new ListRequest(prefix, null, null, MAX_PAGE_SIZE, null, null);
    }

    /** @return a copy asking for the page after the given token */
    public ListRequest withContinuationToken(String token) {
        return new ListRequest(prefix, delimiter, startAfter, pageSize, token, context);
    }

    /** @return a copy with another delimiter */
    public ListRequest withDelimiter(String newDelimiter) {
        return new ListRequest(prefix, newDelimiter, startAfter, pageSize, continuationToken, context);
    }

    /** @return a copy with another page size */
    public ListRequest withPageSize(int newPageSize) {
        return new ListRequest(prefix, delimiter, startAfter, newPageSize, continuationToken, context);
    }

    /** @return a copy starting after this key */
    public ListRequest withStartAfter(String key) {
        return new ListRequest(prefix, delimiter, key, pageSize, continuationToken, context);
    }

    /** @return a copy with this context */
    public ListRequest withContext(CallContext newContext) {
        return new ListRequest(prefix, delimiter, startAfter, pageSize, continuationToken, newContext);
    }
}
