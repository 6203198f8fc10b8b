package dev.passerelle.backend.filesystem;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCodecTest {
    private static final List<String> SEGMENTS = List.of("", ".", "..", "a", "A", "%", "%25", "%2F", "a\\b", "with space", "é", "\uD83D\uDE00",
            "\uFF01", "!seg", "o", "d", "x:y*z?\"<>|", "~", "a".repeat(239), "a".repeat(240), "\u00e9".repeat(120));

    @Test
    void namesRoundTripAndStayAsciiAndShort() {
        Set<String> names = new HashSet<>();
        for (String s : SEGMENTS) {
            for (String name : List.of(KeyCodec.objectName(s), KeyCodec.dirName(s))) {
                assertTrue(name.length() <= KeyCodec.MAX_NAME_BYTES, name);
                assertTrue(name.chars().allMatch(c -> c > ' ' && c < 0x7F || c == ' '), "ASCII only: " + name);
                assertTrue(!name.contains("/") && !name.contains("\\"), name);
                assertNotEquals(".", name);
                assertNotEquals("..", name);
                assertTrue(names.add(name), "names are distinct: " + name);
                if (name.charAt(0) == 'o' || name.charAt(0) == 'd') {
                    assertEquals(s, KeyCodec.decodePlainName(name));
                }
            }
        }
        assertTrue(KeyCodec.objectName("a".repeat(240)).startsWith("p"), "long segments are hashed");
        assertEquals("oa%2Fb", KeyCodec.objectName("a/b"));
        assertEquals(3 * 2 + 1, KeyCodec.objectName("é").getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void foreignNamesAreNotDecoded() {
        assertEquals(null, KeyCodec.decodePlainName("README"));
        assertEquals(null, KeyCodec.decodePlainName("o%zz"));
        assertEquals(null, KeyCodec.decodePlainName("o%FF"));
        assertEquals(null, KeyCodec.decodePlainName(""));
    }
}
