package dev.passerelle.testkit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Everything a listing returned across its pages, checked page by page: no page larger than the page
 * size, no duplicate, objects and prefixes each in the declared order.
 *
 * @param keys object keys in the order listed
 * @param prefixes common prefixes in the order listed
 * @param pages how many pages were fetched
 * @param lastToken the continuation token of the last page fetched (null if it was the last page)
 */
public record Listed(List<String> keys, List<String> prefixes, int pages, String lastToken) {

    /**
     * Lists through {@link BlobStore#list}, optionally stopping after {@code maxPages}.
     *
     * @param maxPages the most pages to fetch, or 0 for all
     */
    public static Listed of(BlobStore store, String container, ListRequest request, Comparator<String> order, int maxPages) {
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        int pages = 0;
        String token = null;
        for (ListPage page : store.list(container, request)) {
            pages++;
            Kit.assertPageSize(page, request.pageSize());
            if (page.hasNext() && page.size() == 0) {
                fail("an empty page announced a next page (page " + pages + ")");
            }
            for (ObjectInfo o : page.objects()) {
                keys.add(o.key());
            }
            prefixes.addAll(page.commonPrefixes());
            token = page.nextContinuationToken();
            if (maxPages > 0 && pages >= maxPages) {
                break;
            }
            if (pages > 100_000) {
                fail("listing does not end");
            }
        }
        assertStrictlyOrdered(keys, order, "object keys");
        assertStrictlyOrdered(prefixes, order, "common prefixes");
        return new Listed(keys, prefixes, pages, token);
    }

    /** Asserts each element is strictly after the previous one in the order. */
    public static void assertStrictlyOrdered(List<String> values, Comparator<String> order, String what) {
        for (int i = 1; i < values.size(); i++) {
            if (order.compare(values.get(i - 1), values.get(i)) >= 0) {
                fail(what + " out of order or repeated at index " + i + ": '" + values.get(i - 1) + "' then '" + values.get(i) + "'");
            }
        }
    }

    /**
     * Computes what a delimiter listing of {@code sortedKeys} must return.
     *
     * @return the objects and common prefixes expected
     */
    public static Listed expected(List<String> sortedKeys, String prefix, String delimiter, String startAfter, Comparator<String> order) {
        List<String> keys = new ArrayList<>();
        LinkedHashSet<String> prefixes = new LinkedHashSet<>();
        for (String k : sortedKeys) {
            if (!k.startsWith(prefix)) {
                continue;
            }
            int d = delimiter == null ? -1 : k.indexOf(delimiter, prefix.length());
            String entry = d < 0 ? k : k.substring(0, d + delimiter.length());
            if (startAfter != null && order.compare(entry, startAfter) <= 0) {
                continue;
            }
            if (d < 0) {
                keys.add(k);
            } else {
                prefixes.add(entry);
            }
        }
        return new Listed(keys, new ArrayList<>(prefixes), 0, null);
    }

    /** Asserts the same objects and prefixes, in the same order. */
    public void assertSameEntries(Listed expected) {
        assertEquals(expected.keys().size(), keys.size(), "number of objects listed");
        assertEquals(expected.keys(), keys, "objects listed");
        assertEquals(expected.prefixes(), prefixes, "common prefixes listed");
        assertTrue(lastToken == null, "the last page has no continuation token");
    }
}
