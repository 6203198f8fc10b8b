package dev.passerelle.api;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param objects the objects of this page, in listing order (their checksums, content type and user
 *                metadata may be absent: call head for those)
 * @param commonPrefixes the rolled-up prefixes of this page (only with a delimiter), in listing order
 * @param nextContinuationToken the token for the next page, or null when this is the last page
 */
public record ListPage(List<ObjectInfo> objects, List<String> commonPrefixes, String nextContinuationToken) {

    /** Copies the lists. */
    public ListPage {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    /** @return whether a next page may exist */
    public boolean hasNext() {
        return nextContinuationToken != null;
    }

    /** @return the number of entries (objects + prefixes) */
    public int size() {
        return objects.size() + commonPrefixes.size();
    }
}
