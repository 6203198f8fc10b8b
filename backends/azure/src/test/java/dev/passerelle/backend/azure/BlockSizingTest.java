package dev.passerelle.backend.azure;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockSizingTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void blockSizeGrowsSoThat50000BlocksAlwaysSuffice() {
        long def = BlockSizing.DEFAULT_BLOCK_SIZE;
        assertEquals(def, BlockSizing.blockSize(0, def));
        assertEquals(def, BlockSizing.blockSize(300 * MIB, def));
        assertEquals(def, BlockSizing.blockSize(50_000 * def, def), "exactly 50,000 default blocks");
        assertEquals(def + MIB, BlockSizing.blockSize(50_000 * def + 1, def), "one byte more needs bigger blocks");
        assertEquals(64 * 1024, BlockSizing.blockSize(200_000, 64 * 1024), "a small configured size is kept when it suffices");
        for (long length : new long[] {1L << 40, 5L << 40, 100L << 40, BlockSizing.MAX_OBJECT_SIZE}) {
            long size = BlockSizing.blockSize(length, def);
            assertTrue(size <= BlockSizing.MAX_BLOCK_SIZE, "block of " + size);
            assertTrue((length + size - 1) / size <= BlockSizing.MAX_BLOCKS, "blocks for " + length);
            assertEquals(0, size % MIB, "whole MiB");
        }
    }

    @Test
    void tooLargeForAzureIsPayloadTooLarge() {
        StorageException e = assertThrows(StorageException.class,
                () -> BlockSizing.blockSize(BlockSizing.MAX_OBJECT_SIZE + 1, BlockSizing.DEFAULT_BLOCK_SIZE));
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, e.kind());
    }

    @Test
    void unknownLengthUsesTheConfiguredSizeAndIsBoundedBy50000Blocks() {
        assertEquals(4 * MIB, BlockSizing.blockSize(-1, 4 * MIB));
        assertEquals(50_000 * 4 * MIB, BlockSizing.maxLength(-1, 4 * MIB));
        assertEquals(123, BlockSizing.maxLength(123, 4 * MIB));
    }

    @Test
    void blockIdsHaveOneLengthAndAreFreshPerUpload() {
        Set<String> ids = new HashSet<>();
        for (String upload : new String[] {"0123456789abcdef", "fedcba9876543210"}) {
            for (int i : new int[] {0, 1, 9, 10, 49_999}) {
                String id = BlockUploader.blockId(upload, i);
                assertEquals(32, Base64.getDecoder().decode(id).length);
                assertTrue(new String(Base64.getDecoder().decode(id), StandardCharsets.US_ASCII).startsWith(upload));
                assertTrue(ids.add(id), "unique: " + id);
            }
        }
    }
}
