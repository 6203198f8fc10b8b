package dev.passerelle.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * User metadata of an exact size (UTF-8 names + values, as the API counts it), in the shapes that
 * cost a header-based host most: wide (many entries of non-ASCII values, each encoded with its own
 * markers), one long non-ASCII value, and the costliest (as many short names as fit, values empty,
 * which still travel encoded).
 */
final class MetadataShapes {
    /** The characters of a metadata name. */
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private MetadataShapes() {
    }

    /** @return the size the API counts: UTF-8 bytes of every name and value */
    static int bytes(Map<String, String> meta) {
        return meta.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue())).sum();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return a value of exactly {@code bytes} UTF-8 bytes, non-ASCII but for one ASCII byte when odd */
    private static String value(int bytes) {
        return "é".repeat(bytes / 2) + (bytes % 2 == 1 ? "z" : "");
    }

    /** Up to 32 entries of 4-byte names and non-ASCII values sharing the rest (the shape a host refused before). */
    static Map<String, String> wide(int budget) {
        int entries = Math.max(1, Math.min(32, budget / 6));
        Map<String, String> meta = new TreeMap<>();
        int values = budget - 4 * entries;
        for (int i = 0; i < entries; i++) {
            int share = values / entries + (i == entries - 1 ? values % entries : 0);
            meta.put(String.format("w%03d", i), value(share));
        }
        return meta;
    }

    /** One 1-byte name and one long non-ASCII value. */
    static Map<String, String> oneValue(int budget) {
        return Map.of("v", value(budget - 1));
    }

    /** The 37 one-byte names, then two-byte names, all with empty values; an odd byte left is a one-blank value. */
    static Map<String, String> costliest(int budget) {
        Map<String, String> meta = new TreeMap<>();
        int left = budget;
        for (int i = 0; i < NAME_CHARS.length() && left > 0; i++, left--) {
            meta.put(NAME_CHARS.substring(i, i + 1), "");
        }
        for (int i = 0; left >= 2; i++, left -= 2) {
            meta.put("" + NAME_CHARS.charAt(i / NAME_CHARS.length()) + NAME_CHARS.charAt(i % NAME_CHARS.length()), "");
        }
        if (left == 1) {
            meta.put("a", " ");
        }
        return meta;
    }
}
