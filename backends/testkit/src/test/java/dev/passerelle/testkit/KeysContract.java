package dev.passerelle.testkit;

import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.passerelle.testkit.Kit.ctx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keys that trip up naive mappings to URLs or paths: each must round trip exactly and list as itself. */
public interface KeysContract extends ContractSupport {

    /** Puts every key (content = the key's bytes), reads each back, lists them exactly, deletes them. */
    private void roundTripKeys(List<String> keys) {
        for (String key : keys) {
            Kit.put(store(), container(), key, key.getBytes(StandardCharsets.UTF_8));
        }
        for (String key : keys) {
            assertArrayEquals(key.getBytes(StandardCharsets.UTF_8), Kit.read(store(), container(), key), "content of '" + key + "'");
            assertEquals(key, store().head(container(), key, GetOptions.defaults()).key(), "head of '" + key + "'");
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(caps().listOrder().comparator());
        assertEquals(sorted, Listed.of(store(), container(), ListRequest.all(), caps().listOrder().comparator(), 0).keys(), "listing shows exactly these keys");
        for (String key : keys) {
            store().delete(container(), key, ctx());
            Kit.assertAbsent(store(), container(), key);
        }
        assertEquals(List.of(), keysOf(container()), "nothing left after deleting every key");
    }

    @Test
    default void keysWithAwkwardCharactersRoundTrip() {
        roundTripKeys(List.of("with space", "two  spaces ", "percent%2Fencoded", "percent%", "%25", "plus+sign", "hash#tag", "question?mark&x=1",
                "back\\slash", "quote\"s'", "colon:semi;comma,", "star*pipe|lt<gt>", "brackets[]{}()", "tilde~caret^`",
                "équipe/ünïcödé/ключ/鍵", "emoji \uD83D\uDE00", "fullwidth\uFF01", "trailing-dot.", "-leading-dash",
                "=equals", "@at", "$dollar"));
    }

    @Test
    default void keyWithATrailingSlashIsAnObject() {
        roundTripKeys(List.of("folder/", "folder/inside", "other/"));
    }

    @Test
    default void keyThatIsAlsoAPrefixCoexistsWithKeysUnderIt() {
        roundTripKeys(List.of("a", "a/b", "a/b/c", "a/b/c/d", "a-b", "a0"));
        Kit.put(store(), container(), "a", new byte[] {1});
        Kit.put(store(), container(), "a/b", new byte[] {2});
        store().delete(container(), "a", ctx());
        assertArrayEquals(new byte[] {2}, Kit.read(store(), container(), "a/b"), "deleting 'a' keeps 'a/b'");
        Kit.put(store(), container(), "a", new byte[] {3});
        store().delete(container(), "a/b", ctx());
        assertArrayEquals(new byte[] {3}, Kit.read(store(), container(), "a"), "deleting 'a/b' keeps 'a'");
    }

    @Test
    default void dotSegmentsAreLiteral() {
        roundTripKeys(List.of(".", "..", "./x", "../x", "a/./b", "a/../b", "a/..", "...", ".hidden", "x/../../../etc/passwd"));
    }

    @Test
    default void emptySegmentsAreLiteral() {
        roundTripKeys(List.of("/leading", "double//slash", "//", "/", "x///"));
    }

    /** A folder marker {@code tdir/} (what S3 clients create) is its own object beside {@code tdir} and the keys under it. */
    @Test
    default void trailingSlashKeyCoexistsWithItsNameAndItsChildren() {
        roundTripKeys(List.of("tdir", "tdir/", "tdir/x", "tdir/sub/", "tdir/sub"));
    }

    /** Keys that differ only by an empty segment are distinct: {@code x//y} never reads or replaces {@code x/y}. */
    @Test
    default void emptySegmentsNeverAliasTheCollapsedKey() {
        roundTripKeys(List.of("x/y", "x//y", "x///y", "lead", "/lead", "//lead", "end/", "end//"));
    }

    @Test
    default void longSegmentsAndMaximumLengthKeys() {
        String longSegment = "s".repeat(300);
        String unicodeSegment = "\u00e9".repeat(200);
        StringBuilder max = new StringBuilder();
        while (max.length() < 1000) {
            max.append("segment-").append(max.length()).append('/');
        }
        String maxKey = (max + "z".repeat(1024)).substring(0, 1024);
        roundTripKeys(List.of(longSegment, longSegment + "/x", "p/" + unicodeSegment, "p/" + unicodeSegment + "x", "y".repeat(1024), maxKey));
    }
}
