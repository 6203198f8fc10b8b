package dev.passerelle.api.spi.support.upload;

/**
 * A filled buffer handed to an {@link UploadTarget}: {@code data[0..length)} holds the bytes. The
 * engine owns the buffer: it is reused once the call it was given to returns (or its future completes).
 *
 * @param data the buffer
 * @param length how many of its bytes hold data
 */
public record Chunk(byte[] data, int length) {
}
