package dev.passerelle.testkit;

import dev.passerelle.api.ListRequest;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paging across the {@link ListingFixture} (over 2,500 keys, built once per class): page sizes 1, 7
 * and 1000, continuation tokens, delimiter, prefix and start-after, always in the declared order.
 */
public interface LargeListingContract extends ContractSupport {

    private Comparator<String> order() {
        return caps().listOrder().comparator();
    }

    private Listed listFixture(ListRequest request, int maxPages) {
        return Listed.of(store(), listingFixture().container(), request, order(), maxPages);
    }

    private Listed expected(String prefix, String delimiter, String startAfter) {
        return Listed.expected(listingFixture().sortedKeys(), prefix, delimiter, startAfter, order());
    }

    @Test
    default void largeListingInPagesOf1000() {
        Listed listed = listFixture(ListRequest.all().withPageSize(1000), 0);
        listed.assertSameEntries(expected("", null, null));
        assertEquals((ListingFixture.KEY_COUNT + 999) / 1000, listed.pages(), "full pages of 1000");
    }

    @Test
    default void largeListingInPagesOf7() {
        Listed listed = listFixture(ListRequest.all().withPageSize(7), 0);
        listed.assertSameEntries(expected("", null, null));
        assertTrue(listed.pages() >= ListingFixture.KEY_COUNT / 7, "pages of at most 7");
    }

    @Test
    default void largeListingInPagesOf1() {
        Listed listed = listFixture(ListRequest.prefix("d1").withPageSize(1), 0);
        listed.assertSameEntries(expected("d1", null, null));
        assertEquals(listed.keys().size(), listed.pages(), "one key per page");
        assertEquals(1000, listed.keys().size());
    }

    @Test
    default void largeListingResumesFromAContinuationToken() {
        ListRequest request = ListRequest.all().withPageSize(333);
        Listed firstThree = listFixture(request, 3);
        assertEquals(999, firstThree.keys().size());
        assertNotNull(firstThree.lastToken());
        Listed rest = listFixture(request.withContinuationToken(firstThree.lastToken()), 0);
        List<String> all = expected("", null, null).keys();
        assertEquals(all.subList(0, 999), firstThree.keys());
        assertEquals(all.subList(999, all.size()), rest.keys(), "a fresh listing from the token continues exactly");
    }

    @Test
    default void largeListingWithADelimiter() {
        Listed listed = listFixture(ListRequest.all().withDelimiter("/").withPageSize(7), 0);
        listed.assertSameEntries(expected("", "/", null));
        assertEquals(21, listed.prefixes().size(), "d00/ .. d19/ and u/");
        Listed d05 = listFixture(ListRequest.prefix("d05/").withDelimiter("/").withPageSize(7), 0);
        d05.assertSameEntries(expected("d05/", "/", null));
        assertEquals(List.of("d05/sub/"), d05.prefixes());
        assertEquals(100, d05.keys().size());
    }

    @Test
    default void largeListingWithAPrefixAndStartAfter() {
        Listed listed = listFixture(new ListRequest("d07/", null, "d07/k1007", 50, null, null), 0);
        listed.assertSameEntries(expected("d07/", null, "d07/k1007"));
        Listed fromMiddle = listFixture(ListRequest.all().withStartAfter("m").withPageSize(1000), 0);
        fromMiddle.assertSameEntries(expected("", null, "m"));
        assertEquals(500, fromMiddle.keys().size(), "top-* and u/* keys sort after 'm'");
    }

    @Test
    default void largeListingOfUnicodeKeysFollowsTheDeclaredOrder() {
        Listed listed = listFixture(ListRequest.prefix("u/").withPageSize(9), 0);
        listed.assertSameEntries(expected("u/", null, null));
        assertEquals(100, listed.keys().size());
    }
}
