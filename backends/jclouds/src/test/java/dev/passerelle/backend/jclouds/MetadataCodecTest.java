package dev.passerelle.backend.jclouds;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metadata codec: reversible ASCII encoding, reserved names, host limits. */
class MetadataCodecTest {
    private static final String SHA = "a".repeat(64);
    private static final String MD5 = "b".repeat(32);

    @Test
    void valuesThatWouldNotSurviveAHeaderAreEncodedAndDecodedExactly() {
        for (String v : new String[] {"Zoë", "東京", "ok \uD83D\uDE00", " padded ", "", "tab\there", "=?UTF-8?B?Zm9v?="}) {
            String wire = MetadataCodec.encodeValue(v);
            assertTrue(wire.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII on the wire: " + wire);
            assertEquals(v, MetadataCodec.decodeValue(wire), "round trip of '" + v + "'");
        }
        assertEquals("plain value", MetadataCodec.encodeValue("plain value"), "plain ASCII stays readable");
    }

    @Test
    void checksumsTravelUnderReservedNamesAndAreSeparatedOnTheWayBack() {
        Map<String, String> wire = MetadataCodec.encode(Map.of("author", "Zoë"),
                Map.of(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, SHA),
                        ChecksumAlgorithm.MD5, Checksum.passerelle(ChecksumAlgorithm.MD5, MD5)), 2048);
        assertEquals(SHA, wire.get(MetadataCodec.SHA256));
        Map<String, String> fromHost = Map.of("Author", wire.get("author"), "Passerelle-Sha256", SHA, "passerelle-md5", MD5);
        assertEquals(Map.of("author", "Zoë"), MetadataCodec.decodeUser(fromHost), "names come back lowercase, checksums removed");
        assertEquals(SHA, MetadataCodec.decodeChecksums(fromHost).get(ChecksumAlgorithm.SHA256).hex());
        assertEquals(Checksum.Source.PASSERELLE, MetadataCodec.decodeChecksums(fromHost).get(ChecksumAlgorithm.MD5).source());
    }

    @Test
    void reservedNamesAndOversizedMetadataAreInvalid() {
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(StorageException.class,
                () -> MetadataCodec.encode(Map.of(MetadataCodec.SHA256, SHA), Map.of(), 2048)).kind());
        Map<String, String> big = Map.of("k", "é".repeat(900));
        assertThrows(StorageException.class, () -> MetadataCodec.encode(big, Map.of(), 2048));
        assertEquals(1, MetadataCodec.encode(big, Map.of(), 0).size(), "no host limit: accepted");
        assertTrue(MetadataCodec.userBudget(2048) < 2048 && MetadataCodec.userBudget(2048) > 1000);
    }
}
