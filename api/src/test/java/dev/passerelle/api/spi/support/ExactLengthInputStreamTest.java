package dev.passerelle.api.spi.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream serves exactly the range, and a short host stream is an error, never a short object. */
class ExactLengthInputStreamTest {
    private static InputStream host(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** A host stream that refuses to skip, as some network streams do. */
    private static InputStream noSkip(String s) {
        return new FilterInputStream(host(s)) {
            @Override
            public long skip(long n) {
                return 0;
            }
        };
    }

    @Test
    void servesExactlyTheRangeEvenWhenTheHostSendsMore() throws IOException {
        try (InputStream in = new ExactLengthInputStream(host("0123456789"), 2, 5)) {
            assertArrayEquals("23456".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
            assertEquals(-1, in.read());
        }
        try (InputStream in = new ExactLengthInputStream(noSkip("0123456789"), 3, 2)) {
            assertEquals('3', in.read());
            assertEquals('4', in.read());
            assertEquals(-1, in.read());
        }
        try (InputStream in = new ExactLengthInputStream(host("abc"), 0, 0)) {
            assertEquals(-1, in.read(new byte[4], 0, 4), "an empty range");
        }
    }

    @Test
    void aShortHostStreamFails() throws IOException {
        try (InputStream in = new ExactLengthInputStream(host("0123"), 1, 5)) {
            EOFException e = assertThrows(EOFException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("2 bytes early"), e.getMessage());
        }
        try (InputStream in = new ExactLengthInputStream(noSkip("01"), 3, 1)) {
            assertThrows(EOFException.class, in::read, "the stream ended before the range started");
        }
    }

    @Test
    void skipAndAvailableStayInsideTheRange() throws IOException {
        try (InputStream in = new ExactLengthInputStream(host("0123456789"), 2, 5)) {
            assertEquals(0, in.available(), "nothing to promise while leading bytes remain");
            assertEquals(3, in.skip(3));
            assertEquals(2, in.available());
            assertEquals(2, in.skip(10), "never past the range");
            assertEquals(-1, in.read());
            assertEquals(false, in.markSupported());
        }
    }
}
