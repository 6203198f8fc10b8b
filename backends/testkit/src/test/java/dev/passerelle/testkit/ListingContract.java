package dev.passerelle.testkit;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ListOrder;
import dev.passerelle.api.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing semantics on small key sets: prefix, delimiter, start-after, order, what objects carry. */
public interface ListingContract extends ContractSupport {
    /** Keys of the small listing tests. */
    List<String> SMALL_KEYS = List.of("doc.txt", "photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/2025/deep/d.jpg", "photosx", "zeta");

    private Comparator<String> order() {
        return caps().listOrder().comparator();
    }

    private void putSmallKeys() {
        for (String k : SMALL_KEYS) {
            Kit.put(store(), container(), k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private Listed list(ListRequest request) {
        return Listed.of(store(), container(), request, order(), 0);
    }

    @Test
    default void listingAnEmptyContainerReturnsOneEmptyPage() {
        ListPage page = store().listPage(container(), ListRequest.all());
        assertTrue(page.objects().isEmpty());
        assertTrue(page.commonPrefixes().isEmpty());
        assertNull(page.nextContinuationToken());
    }

    @Test
    default void listingWithAPrefix() {
        putSmallKeys();
        assertEquals(List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/2025/deep/d.jpg"), list(ListRequest.prefix("photos/")).keys());
        assertEquals(5, list(ListRequest.prefix("photos")).keys().size());
        assertEquals(List.of("photos/2024/a.jpg"), list(ListRequest.prefix("photos/2024/a")).keys());
        assertEquals(List.of("photos/2025/c.jpg", "photos/2025/deep/d.jpg"), list(ListRequest.prefix("photos/2025/")).keys());
        assertTrue(list(ListRequest.prefix("nothing-here")).keys().isEmpty());
        assertTrue(list(ListRequest.prefix("photos/2024/a.jpg/")).keys().isEmpty(), "a key is not a directory");
    }

    @Test
    default void listingWithADelimiterRollsUpCommonPrefixes() {
        putSmallKeys();
        Listed top = list(ListRequest.all().withDelimiter("/"));
        assertEquals(List.of("doc.txt", "photosx", "zeta"), top.keys());
        assertEquals(List.of("photos/"), top.prefixes());
        Listed photos = list(ListRequest.prefix("photos/").withDelimiter("/"));
        assertTrue(photos.keys().isEmpty());
        assertEquals(List.of("photos/2024/", "photos/2025/"), photos.prefixes());
        Listed y2025 = list(ListRequest.prefix("photos/2025/").withDelimiter("/"));
        assertEquals(List.of("photos/2025/c.jpg"), y2025.keys());
        assertEquals(List.of("photos/2025/deep/"), y2025.prefixes());
        Listed partial = list(ListRequest.prefix("photos/20").withDelimiter("/"));
        assertEquals(List.of("photos/2024/", "photos/2025/"), partial.prefixes(), "a prefix that ends mid-segment");
    }

    @Test
    default void listingWithAnotherDelimiter() {
        putSmallKeys();
        Listed byDot = list(ListRequest.all().withDelimiter("."));
        assertEquals(List.of("photos/2024/a.", "photos/2024/b.", "photos/2025/c.", "photos/2025/deep/d."), byDot.prefixes().subList(1, 5));
        assertEquals("doc.", byDot.prefixes().get(0));
        assertEquals(List.of("photosx", "zeta"), byDot.keys());
    }

    @Test
    default void listingStartsAfterAKey() {
        putSmallKeys();
        assertEquals(List.of("photos/2025/deep/d.jpg", "photosx", "zeta"), list(ListRequest.all().withStartAfter("photos/2025/c.jpg")).keys());
        assertEquals(List.of("photos/2025/c.jpg", "photos/2025/deep/d.jpg", "photosx", "zeta"), list(ListRequest.all().withStartAfter("photos/2025/")).keys(),
                "start-after need not be an existing key");
        assertEquals(List.of("photosx", "zeta"), list(ListRequest.all().withDelimiter("/").withStartAfter("photos/")).keys(),
                "start-after a common prefix skips it");
        assertTrue(list(ListRequest.all().withStartAfter("zeta")).keys().isEmpty());
    }

    @Test
    default void listingFollowsTheDeclaredOrder() {
        List<String> keys = new ArrayList<>(List.of("a", "a-", "a/", "a/b", "a0", "B", "b", "\u00e9", "\uFF01", "\uD83D\uDE00", "x\uFF01y", "x\uD83D\uDE00y", "~"));
        for (String k : keys) {
            Kit.put(store(), container(), k, new byte[] {1});
        }
        keys.sort(order());
        List<String> utf8 = new ArrayList<>(keys);
        utf8.sort(ListOrder.UTF8_BINARY.comparator());
        List<String> utf16 = new ArrayList<>(keys);
        utf16.sort(ListOrder.UTF16.comparator());
        assertNotEquals(utf8, utf16, "the fixture tells the two orders apart");
        assertEquals(keys, list(ListRequest.all()).keys(), "listed in the declared order " + caps().listOrder());
        assertEquals(keys, list(ListRequest.all().withPageSize(2)).keys(), "same order across pages of 2");
    }

    @Test
    default void listedObjectsCarrySizeAndEtag() {
        Kit.put(store(), container(), "s1", Kit.bytes(10, 70));
        Kit.put(store(), container(), "s2", Kit.bytes(0, 71));
        Kit.put(store(), container(), "s3/x", Kit.bytes(12345, 72));
        for (ObjectInfo o : store().listPage(container(), ListRequest.all()).objects()) {
            ObjectInfo head = store().head(container(), o.key(), GetOptions.defaults());
            assertEquals(head.size(), o.size(), "size of " + o.key());
            assertEquals(head.etag(), o.etag(), "etag of " + o.key());
        }
    }

    @Test
    default void aGarbageContinuationTokenIsAnInvalidArgument() {
        putSmallKeys();
        Kit.expect(ErrorKind.INVALID_ARGUMENT, () -> store().listPage(container(), ListRequest.all().withContinuationToken("%%not a token%%")));
    }
}
