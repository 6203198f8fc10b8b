package dev.passerelle.backend.s3;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure logic: metadata values survive ASCII-only headers, and Passerelle's entries are kept apart. */
class MetadataCodecTest {

    @Test
    void everyValueRoundTripsAndTheWireIsAscii() {
        for (String v : new String[] {"plain", "héllo wörld", "鍵", "emoji \uD83D\uDE00", "", " leading", "trailing ", "tab\there",
                "=?UTF-8?B?aGk=?=", "=?not-encoded", "a=b;c"}) {
            String wire = MetadataCodec.encodeValue(v);
            assertTrue(wire.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII on the wire: " + wire);
            assertEquals(wire.trim(), wire, "no blank a header would lose");
            assertEquals(v, MetadataCodec.decodeValue(wire), "round trip of '" + v + "'");
        }
        assertEquals("plain", MetadataCodec.encodeValue("plain"), "plain ASCII is sent as is, readable by other tools");
    }

    @Test
    void checksumsAreSeparatedFromUserMetadata() {
        String sha = "a".repeat(64);
        Map<String, String> wire = MetadataCodec.encode(Map.of("owner", "Zoé"),
                Map.of(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, sha)), 2048);
        assertEquals(sha, wire.get(MetadataCodec.SHA256));
        assertEquals(Map.of("owner", "Zoé"), MetadataCodec.decodeUser(wire));
        assertEquals(sha, MetadataCodec.decodeChecksums(wire).get(ChecksumAlgorithm.SHA256).hex());
        assertEquals(Map.of(), MetadataCodec.decodeChecksums(Map.of(MetadataCodec.SHA256, "not-hex")), "a malformed entry is no checksum");
    }

    @Test
    void reservedNamesAndOversizedMetadataAreRefused() {
        StorageException reserved = assertThrows(StorageException.class,
                () -> MetadataCodec.encode(Map.of(MetadataCodec.MD5, "x"), Map.of(), 2048));
        assertEquals(ErrorKind.INVALID_ARGUMENT, reserved.kind());
        StorageException tooBig = assertThrows(StorageException.class,
                () -> MetadataCodec.encode(Map.of("big", "é".repeat(1000)), Map.of(), 2048));
        assertEquals("invalid_metadata", tooBig.code());
        int budget = MetadataCodec.userBudget(2048);
        MetadataCodec.encode(Map.of("k", "é".repeat((budget - 1) / 2)), Map.of(), 2048);
    }
}
