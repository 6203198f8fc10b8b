package dev.passerelle.testkit;

import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Content type and user metadata round trips (gated by {@code userMetadata}). */
public interface MetadataContract extends ContractSupport {

    @Test
    default void contentTypeRoundTrips() {
        requireCapability(caps().userMetadata(), "userMetadata (content type and user metadata round trip)");
        PutOptions options = PutOptions.builder().contentType("text/plain; charset=utf-8").build();
        Kit.put(store(), container(), "typed.txt", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), options);
        assertEquals("text/plain; charset=utf-8", store().head(container(), "typed.txt", GetOptions.defaults()).contentType());
        try (ObjectContent content = store().get(container(), "typed.txt", GetOptions.defaults())) {
            assertEquals("text/plain; charset=utf-8", content.info().contentType());
            Kit.readAll(content);
        }
    }

    @Test
    default void missingContentTypeDefaultsToOctetStream() {
        requireCapability(caps().userMetadata(), "userMetadata (content type and user metadata round trip)");
        Kit.put(store(), container(), "untyped", new byte[] {1, 2, 3});
        assertEquals(PutOptions.DEFAULT_CONTENT_TYPE, store().head(container(), "untyped", GetOptions.defaults()).contentType());
    }

    @Test
    default void userMetadataWithNonAsciiValuesRoundTrips() {
        requireCapability(caps().userMetadata(), "userMetadata");
        Map<String, String> meta = Map.of(
                "author", "Zoë Ćwikła",
                "city", "Besançon – 東京 – Київ",
                "emoji", "ok \uD83D\uDE00",
                "plain", "simple value",
                "with-dash-2", "x=y; z");
        ObjectInfo put = Kit.put(store(), container(), "meta", new byte[] {9}, PutOptions.builder().userMetadata(meta).build());
        assertEquals(meta, store().head(container(), "meta", GetOptions.defaults()).userMetadata());
        try (ObjectContent content = store().get(container(), "meta", GetOptions.defaults())) {
            assertEquals(meta, content.info().userMetadata());
            Kit.readAll(content);
        }
        assertEquals(1, put.size());
    }

    /**
     * Header values that HTTP and request signing treat specially: runs of spaces inside a value
     * (SigV4 collapses them when it canonicalises a header, so a signer that does not sign a wrong
     * value), tabs, leading and trailing blanks, and non-ASCII text beside them. Every value
     * round trips exactly, on every backend and transport.
     */
    @Test
    default void userMetadataWithAwkwardWhitespaceRoundTrips() {
        requireCapability(caps().userMetadata(), "userMetadata");
        Map<String, String> meta = Map.of(
                "two-spaces", "a  b",
                "many-spaces", "x     y   z",
                "tab", "left\tright",
                "blanks-around", "  padded  ",
                "tab-and-spaces", " \t mixed \t ",
                "non-ascii-spaces", "Zoë  Ćwikła",
                "only-spaces", "   ");
        Kit.put(store(), container(), "awkward", new byte[] {7}, PutOptions.builder().userMetadata(meta).build());
        assertEquals(meta, store().head(container(), "awkward", GetOptions.defaults()).userMetadata());
        try (ObjectContent content = store().get(container(), "awkward", GetOptions.defaults())) {
            assertEquals(meta, content.info().userMetadata());
            Kit.readAll(content);
        }
        Kit.put(store(), container(), "awkward", new byte[] {8},
                PutOptions.builder().contentType("text/plain;  charset=utf-8").userMetadata(Map.of("two-spaces", "c  d")).build());
        ObjectInfo replaced = store().head(container(), "awkward", GetOptions.defaults());
        assertEquals(Map.of("two-spaces", "c  d"), replaced.userMetadata());
        assertEquals(1, replaced.size());
    }

    /**
     * The declared {@code maxUserMetadataBytes} is a promise for any metadata the API accepts: filled
     * exactly, in the shapes that cost a header-based host most per byte of value (32 wide non-ASCII
     * entries, each encoded with its own markers; one long non-ASCII value), it is stored and read back
     * as it was.
     */
    @Test
    default void userMetadataUpToTheDeclaredBudgetRoundTrips() {
        int budget = declaredMetadataBudget();
        roundTrips("wide", MetadataShapes.wide(budget), budget);
        roundTrips("one value", MetadataShapes.oneValue(budget), budget);
    }

    /**
     * The same promise for the costliest shape per byte: as many short names as fit, with empty values
     * (which still travel encoded), filling the declared budget exactly.
     */
    @Test
    default void manyShortUserMetadataEntriesUpToTheDeclaredBudgetRoundTrip() {
        int budget = declaredMetadataBudget();
        roundTrips("costliest", MetadataShapes.costliest(budget), budget);
    }

    private int declaredMetadataBudget() {
        requireCapability(caps().userMetadata(), "userMetadata");
        int budget = Math.min(caps().maxUserMetadataBytes(), dev.passerelle.api.Names.MAX_METADATA_BYTES);
        requireCapability(budget > 1, "maxUserMetadataBytes");
        return budget;
    }

    private void roundTrips(String shape, Map<String, String> meta, int budget) {
        assertEquals(budget, MetadataShapes.bytes(meta), shape + " fills the budget exactly");
        Kit.put(store(), container(), "budget", new byte[] {1}, PutOptions.builder().userMetadata(meta).build());
        assertEquals(meta, store().head(container(), "budget", GetOptions.defaults()).userMetadata(),
                shape + " metadata of the declared " + budget + " bytes round trips");
    }

    @Test
    default void overwriteReplacesMetadataAndContentType() {
        requireCapability(caps().userMetadata(), "userMetadata");
        Kit.put(store(), container(), "m", new byte[] {1},
                PutOptions.builder().contentType("image/png").userMetadata(Map.of("old", "1", "shared", "a")).build());
        Kit.put(store(), container(), "m", new byte[] {2},
                PutOptions.builder().contentType("text/csv").userMetadata(Map.of("shared", "b")).build());
        ObjectInfo head = store().head(container(), "m", GetOptions.defaults());
        assertEquals("text/csv", head.contentType());
        assertEquals(Map.of("shared", "b"), head.userMetadata(), "metadata of the old version is gone");
    }

    @Test
    default void objectWithoutUserMetadataReportsNone() {
        Kit.put(store(), container(), "bare", new byte[] {1});
        assertTrue(store().head(container(), "bare", GetOptions.defaults()).userMetadata().isEmpty());
    }

    @Test
    default void invalidMetadataIsRejectedAndStoresNothing() {
        for (Map<String, String> bad : java.util.List.of(Map.of("Upper", "x"), Map.of("under_score", "x"), Map.of("big", "v".repeat(2100)))) {
            Kit.expect(dev.passerelle.api.ErrorKind.INVALID_ARGUMENT,
                    () -> Kit.put(store(), container(), "bad-meta", new byte[1], PutOptions.builder().userMetadata(bad).build()));
        }
        Kit.assertAbsent(store(), container(), "bad-meta");
    }
}
