package dev.passerelle.backend.azure;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockSlicesTest {

    @Test
    void aBlockGoesAsViewsOfAtMost64KiBCoveringExactlyItsBytes() {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        int length = 200_001; // a partly filled buffer: only its first bytes are the block
        List<ByteBuffer> slices = BlockUploader.addSlices(new ArrayList<>(), data, length);
        assertEquals(4, slices.size());
        ByteBuffer joined = ByteBuffer.allocate(length);
        for (ByteBuffer b : slices) {
            assertTrue(b.remaining() <= BlockUploader.SLICE && b.remaining() > 0);
            joined.put(b.duplicate());
        }
        byte[] expected = java.util.Arrays.copyOf(data, length);
        assertArrayEquals(expected, joined.array());
    }

    @Test
    void anEmptyBlockIsOneEmptyBuffer() {
        List<ByteBuffer> slices = BlockUploader.addSlices(new ArrayList<>(), new byte[16], 0);
        assertEquals(1, slices.size());
        assertEquals(0, slices.get(0).remaining());
    }
}
