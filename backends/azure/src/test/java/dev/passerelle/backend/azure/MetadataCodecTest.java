package dev.passerelle.backend.azure;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataCodecTest {
    private static final Pattern CSHARP_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Test
    void namesBecomeCSharpIdentifiersAndComeBackExactly() {
        for (String name : List.of("a", "content-language", "0day", "x--y", "-", "9", "UPPER", "under_score", "é-ü", "\uD83D\uDE00", "m_x", "passerelle_sha256")) {
            String encoded = MetadataCodec.encodeName(name);
            assertTrue(CSHARP_IDENTIFIER.matcher(encoded).matches(), encoded);
            assertEquals(encoded.toLowerCase(), encoded, "Azure names are case-insensitive: we only emit lowercase");
            assertEquals(name, MetadataCodec.decodeName(encoded.substring(2)));
        }
        assertEquals("m_content_2dlanguage", MetadataCodec.encodeName("content-language"));
    }

    @Test
    void valuesTravelAsAsciiAndComeBackByteIdentical() {
        for (String value : List.of("plain", "", " leading", "trailing ", "  ", "été", "tab\there", "日本語", "\uD83D\uDE00",
                "=?utf-8?b?aGk=?=", "a=?b", "ends with ?=")) {
            String stored = MetadataCodec.encodeValue(value);
            for (char c : stored.toCharArray()) {
                assertTrue(c >= 0x20 && c <= 0x7e, () -> "non printable-ASCII in " + stored);
            }
            assertFalse(stored.isEmpty() || stored.startsWith(" ") || stored.endsWith(" "), stored);
            assertEquals(value, MetadataCodec.decodeValue(stored));
        }
        assertEquals("plain", MetadataCodec.encodeValue("plain"), "ASCII values stay readable");
    }

    @Test
    void encodeAndDecodeKeepUserMetadataApartFromChecksums() {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("passerelle-sha256", "not ours");
        user.put("author", "Zoë");
        Map<String, String> azure = MetadataCodec.encode(user, "a".repeat(64), "b".repeat(32));
        assertEquals("a".repeat(64), azure.get(MetadataCodec.SHA256_NAME));
        assertEquals(user, MetadataCodec.decodeUser(azure));
        Map<ChecksumAlgorithm, Checksum> sums = MetadataCodec.checksums(azure, new byte[16]);
        assertEquals(Checksum.passerelle(ChecksumAlgorithm.SHA256, "a".repeat(64)), sums.get(ChecksumAlgorithm.SHA256));
        assertEquals(Checksum.passerelle(ChecksumAlgorithm.MD5, "b".repeat(32)), sums.get(ChecksumAlgorithm.MD5), "ours wins over the host's");
    }

    @Test
    void hostContentMd5IsAHostChecksumWhenWeStoredNone() {
        byte[] md5 = new byte[16];
        md5[0] = (byte) 0xab;
        Map<ChecksumAlgorithm, Checksum> sums = MetadataCodec.checksums(Map.of(), md5);
        assertEquals(Checksum.host(ChecksumAlgorithm.MD5, "ab" + "00".repeat(15)), sums.get(ChecksumAlgorithm.MD5));
        assertFalse(sums.containsKey(ChecksumAlgorithm.SHA256));
    }

    @Test
    void foreignMetadataIsExposedLowercaseWithHyphens() {
        assertEquals(Map.of("doc-owner", "Ana"), MetadataCodec.decodeUser(Map.of("Doc_Owner", "Ana")));
    }

    /** The declared budget holds for the costliest metadata: the name "-" and other short names, values empty. */
    @Test
    void theDeclaredBudgetFitsAzuresLimitWhateverTheShape() {
        assertEquals(474, MetadataCodec.USER_BUDGET, "(8192 - 127 checksum bytes) / 17 stored bytes per byte at most");
        String chars = "-abcdefghijklmnopqrstuvwxyz0123456789";
        Map<String, String> costliest = new java.util.TreeMap<>();
        int left = MetadataCodec.USER_BUDGET;
        for (int i = 0; i < chars.length() && left > 0; i++, left--) {
            costliest.put(chars.substring(i, i + 1), "");
        }
        for (int i = 0; left >= 2; i++, left -= 2) {
            costliest.put("" + chars.charAt(i / chars.length()) + chars.charAt(i % chars.length()), "");
        }
        int stored = MetadataCodec.encode(costliest, "0".repeat(64), "0".repeat(32)).entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        assertTrue(stored <= MetadataCodec.AZURE_METADATA_BYTES, stored + " stored bytes");
    }
}
