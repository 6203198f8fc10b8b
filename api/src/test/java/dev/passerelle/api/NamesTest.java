package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NamesTest {

    private static void badContainer(String name) {
        StorageException e = assertThrows(StorageException.class, () -> Names.validateContainer(name), name);
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("invalid_bucket_name", e.code());
    }

    private static void badKey(String key) {
        StorageException e = assertThrows(StorageException.class, () -> Names.validateKey(key), key);
        assertEquals("invalid_key", e.code());
    }

    private static void badMetadata(Map<String, String> m) {
        StorageException e = assertThrows(StorageException.class, () -> Names.validateMetadata(m), String.valueOf(m));
        assertEquals("invalid_metadata", e.code());
    }

    @Test
    void containerNames() {
        for (String ok : new String[] {"abc", "a-b", "a1-2b", "123", "a".repeat(63), "x-y-z"}) {
            assertDoesNotThrow(() -> Names.validateContainer(ok), ok);
        }
        badContainer(null);
        badContainer("ab");
        badContainer("a".repeat(64));
        badContainer("Abc");
        badContainer("a--b");
        badContainer("-abc");
        badContainer("abc-");
        badContainer("a_b");
        badContainer("a.b");
        badContainer("a b");
        badContainer("ébc");
    }

    @Test
    void keys() {
        for (String ok : new String[] {"a", "a/b/c", "with space", "ü€😀", "%2F", "+#?", "trailing/", "../x", "\\", "é".repeat(512)}) {
            assertDoesNotThrow(() -> Names.validateKey(ok), ok);
        }
        badKey(null);
        badKey("");
        badKey("a\u0000b");
        badKey("tab\there");
        badKey("new\nline");
        badKey("del\u007F");
        badKey("c1\u0085");
        badKey("x".repeat(1025));
        badKey("é".repeat(513)); // 1026 bytes of UTF-8 in 513 characters
        badKey("lone\uD800");
        badKey("\uDC00lone");
        assertDoesNotThrow(() -> Names.validateKey("x".repeat(1024)));
    }

    @Test
    void metadata() {
        assertDoesNotThrow(() -> Names.validateMetadata(null));
        assertDoesNotThrow(() -> Names.validateMetadata(Map.of()));
        assertDoesNotThrow(() -> Names.validateMetadata(Map.of("author", "Zoë 😀", "x-1", "tab\tok", "empty", "")));
        badMetadata(Map.of("Author", "x"));
        badMetadata(Map.of("a_b", "x"));
        badMetadata(Map.of("", "x"));
        badMetadata(Map.of("é", "x"));
        badMetadata(Map.of("a", "line\nbreak"));
        badMetadata(Map.of("a", "bad\uD800"));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("a", null);
        badMetadata(nullValue);
    }

    @Test
    void metadataIsLimitedTo2KiBOfNamesAndValues() {
        assertDoesNotThrow(() -> Names.validateMetadata(Map.of("k", "v".repeat(2047))));
        badMetadata(Map.of("k", "v".repeat(2048)));
        badMetadata(Map.of("k", "é".repeat(1024))); // 1 + 2048 bytes
        assertDoesNotThrow(() -> Names.validateMetadata(Map.of("ab", "x".repeat(1000), "cd", "y".repeat(1044))));
    }

    @Test
    void validateChecksBoth() {
        assertDoesNotThrow(() -> Names.validate("box", "k"));
        assertEquals("invalid_bucket_name", assertThrows(StorageException.class, () -> Names.validate("B", "k")).code());
        assertEquals("invalid_key", assertThrows(StorageException.class, () -> Names.validate("box", "")).code());
    }
}
