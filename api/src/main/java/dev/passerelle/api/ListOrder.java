package dev.passerelle.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order in which a backend lists keys. Hosts differ: S3 sorts by the UTF-8 bytes of the key,
 * Azure by UTF-16 code units. They disagree for keys mixing characters above U+FFFF (e.g. U+1F600)
 * with characters in U+E000..U+FFFF (e.g. U+FF01).
 */
public enum ListOrder {
    /** Binary order of the keys' UTF-8 bytes (same as Unicode code point order), like S3. */
    UTF8_BINARY {
        @Override
        public Comparator<String> comparator() {
            return ListOrder::compareCodePoints;
        }
    },
    /** Order of UTF-16 code units, i.e. Java's {@link String#compareTo}, like Azure. */
    UTF16 {
        @Override
        public Comparator<String> comparator() {
            return String::compareTo;
        }
    };

    /** @return a comparator that sorts keys in this order */
    public abstract Comparator<String> comparator();

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** @return the UTF-8 bytes of a key (helper for backends that sort bytes) */
    public static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the unsigned lexicographic comparison of two byte arrays */
    public static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
