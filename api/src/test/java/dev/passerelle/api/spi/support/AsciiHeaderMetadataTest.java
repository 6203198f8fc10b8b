package dev.passerelle.api.spi.support;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pure logic: metadata values survive ASCII-only headers, Passerelle's entries are kept apart, host
 * limits hold. (Moved from the s3 and jclouds backends' MetadataCodecTest; both use this codec.)
 */
class AsciiHeaderMetadataTest {
    private static final String SHA = "a".repeat(64);
    private static final String MD5 = "b".repeat(32);

    @Test
    void everyValueRoundTripsAndTheWireIsAscii() {
        for (String v : new String[] {"plain", "héllo wörld", "鍵", "emoji \uD83D\uDE00", "", " leading", "trailing ", "tab\there",
                "=?UTF-8?B?aGk=?=", "=?not-encoded", "a=b;c", "Zoë", "東京", "ok \uD83D\uDE00", " padded ", "=?UTF-8?B?Zm9v?="}) {
            String wire = AsciiHeaderMetadata.encodeValue(v);
            assertTrue(wire.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII on the wire: " + wire);
            assertEquals(wire.trim(), wire, "no blank a header would lose");
            assertEquals(v, AsciiHeaderMetadata.decodeValue(wire), "round trip of '" + v + "'");
        }
        assertEquals("plain", AsciiHeaderMetadata.encodeValue("plain"), "plain ASCII is sent as is, readable by other tools");
        assertEquals("plain value", AsciiHeaderMetadata.encodeValue("plain value"), "plain ASCII stays readable");
    }

    @Test
    void theWireFormatIsFixedBecauseStoredObjectsDependOnIt() {
        assertEquals("=?UTF-8?B?Wm/Dqw==?=", AsciiHeaderMetadata.encodeValue("Zoë"));
        assertEquals("=?UTF-8?B?PT9ub3QtZW5jb2RlZA==?=", AsciiHeaderMetadata.encodeValue("=?not-encoded"),
                "anything that starts like an encoded word is encoded, so no reader takes it for one");
        assertEquals("=?UTF-8?B??=", AsciiHeaderMetadata.encodeValue(""));
        assertEquals("Zoë", AsciiHeaderMetadata.decodeValue(" =?utf-8?b?Wm/Dqw==?= "), "encoded words are read in any case, trimmed");
        assertEquals("=?UTF-8?Q?x?=", AsciiHeaderMetadata.decodeValue("=?UTF-8?Q?x?="), "only B words are decoded");
        assertEquals("", AsciiHeaderMetadata.decodeValue(null), "a dropped empty value comes back empty");
        assertEquals("passerelle-sha256", AsciiHeaderMetadata.SHA256);
        assertEquals("passerelle-md5", AsciiHeaderMetadata.MD5);
    }

    @Test
    void checksumsAreSeparatedFromUserMetadata() {
        String sha = "a".repeat(64);
        Map<String, String> wire = AsciiHeaderMetadata.encode(Map.of("owner", "Zoé"),
                Map.of(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, sha)), 2048);
        assertEquals(sha, wire.get(AsciiHeaderMetadata.SHA256));
        assertEquals(Map.of("owner", "Zoé"), AsciiHeaderMetadata.decodeUser(wire));
        assertEquals(sha, AsciiHeaderMetadata.decodeChecksums(wire).get(ChecksumAlgorithm.SHA256).hex());
        assertEquals(Map.of(), AsciiHeaderMetadata.decodeChecksums(Map.of(AsciiHeaderMetadata.SHA256, "not-hex")), "a malformed entry is no checksum");
    }

    @Test
    void checksumsTravelUnderReservedNamesAndAreSeparatedOnTheWayBack() {
        Map<String, String> wire = AsciiHeaderMetadata.encode(Map.of("author", "Zoë"),
                Map.of(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, SHA),
                        ChecksumAlgorithm.MD5, Checksum.passerelle(ChecksumAlgorithm.MD5, MD5)), 2048);
        assertEquals(SHA, wire.get(AsciiHeaderMetadata.SHA256));
        Map<String, String> fromHost = Map.of("Author", wire.get("author"), "Passerelle-Sha256", SHA, "passerelle-md5", MD5);
        assertEquals(Map.of("author", "Zoë"), AsciiHeaderMetadata.decodeUser(fromHost), "names come back lowercase, checksums removed");
        assertEquals(SHA, AsciiHeaderMetadata.decodeChecksums(fromHost).get(ChecksumAlgorithm.SHA256).hex());
        assertEquals(Checksum.Source.PASSERELLE, AsciiHeaderMetadata.decodeChecksums(fromHost).get(ChecksumAlgorithm.MD5).source());
        assertEquals(Map.of(), AsciiHeaderMetadata.decodeUser(null), "a host that returns no metadata map");
        assertEquals(Map.of(), AsciiHeaderMetadata.decodeChecksums(null));
    }

    @Test
    void reservedNamesAndOversizedMetadataAreRefused() {
        StorageException reserved = assertThrows(StorageException.class,
                () -> AsciiHeaderMetadata.encode(Map.of(AsciiHeaderMetadata.MD5, "x"), Map.of(), 2048));
        assertEquals(ErrorKind.INVALID_ARGUMENT, reserved.kind());
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(StorageException.class,
                () -> AsciiHeaderMetadata.encode(Map.of(AsciiHeaderMetadata.SHA256, SHA), Map.of(), 2048)).kind());
        StorageException tooBig = assertThrows(StorageException.class,
                () -> AsciiHeaderMetadata.encode(Map.of("big", "é".repeat(1000)), Map.of(), 2048));
        assertEquals("invalid_metadata", tooBig.code());
        Map<String, String> big = Map.of("k", "é".repeat(900));
        assertThrows(StorageException.class, () -> AsciiHeaderMetadata.encode(big, Map.of(), 2048));
        assertEquals(1, AsciiHeaderMetadata.encode(big, Map.of(), 0).size(), "no host limit: accepted");
        int budget = AsciiHeaderMetadata.userBudget(2048);
        AsciiHeaderMetadata.encode(Map.of("k", "é".repeat((budget - 1) / 2)), Map.of(), 2048);
        assertTrue(budget < 2048 && budget > 200);
    }

    /** The costliest metadata: the 37 one-byte names, then two-byte names, values empty, an odd byte a blank value. */
    private static Map<String, String> costliest(int bytes) {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
        Map<String, String> m = new java.util.TreeMap<>();
        int left = bytes;
        for (int i = 0; i < chars.length() && left > 0; i++, left--) {
            m.put(chars.substring(i, i + 1), "");
        }
        for (int i = 0; left >= 2; i++, left -= 2) {
            m.put("" + chars.charAt(i / chars.length()) + chars.charAt(i % chars.length()), "");
        }
        if (left == 1) {
            m.put("a", " ");
        }
        return m;
    }

    /**
     * The declared budget is a promise for every shape: the costliest metadata of exactly the budget
     * fits, one byte more of it does not; and the shape the old formula let through to a refusal
     * (32 entries of 4-byte names and non-ASCII values filling 1428 bytes: 2140 wire bytes, 1921 allowed)
     * is now beyond the budget.
     */
    @Test
    void theBudgetHoldsForTheCostliestShape() {
        for (int wire : new int[] {2048, 4096, 8192}) {
            int budget = AsciiHeaderMetadata.userBudget(wire);
            assertEquals(AsciiHeaderMetadata.costliestWire(budget), AsciiHeaderMetadata.encode(costliest(budget), Map.of(), wire)
                    .entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum(), "the model is the encoding's cost");
            assertThrows(StorageException.class, () -> AsciiHeaderMetadata.encode(costliest(budget + 1), Map.of(), wire));
        }
        Map<String, String> wide = new java.util.TreeMap<>();
        for (int i = 0; i < 32; i++) {
            wide.put(String.format("w%03d", i), "é".repeat(20) + (i < 20 ? "a" : ""));
        }
        assertThrows(StorageException.class, () -> AsciiHeaderMetadata.encode(wide, Map.of(), 2048),
                "the old budget's promise does not hold for this shape");
    }

    @Test
    void theBudgetLeavesRoomForChecksumsAndEncoding() {
        assertEquals(242, AsciiHeaderMetadata.userBudget(2048), "2048 - 127 checksum bytes, each empty encoded value taking 12 marker bytes");
        assertEquals(0, AsciiHeaderMetadata.userBudget(100), "a limit smaller than the checksums leaves nothing");
        assertEquals(Names.MAX_METADATA_BYTES, AsciiHeaderMetadata.userBudget(0), "no host limit: the API's own");
        assertEquals(1120, AsciiHeaderMetadata.userBudget(8192), "not capped: the caller decides");
    }
}
