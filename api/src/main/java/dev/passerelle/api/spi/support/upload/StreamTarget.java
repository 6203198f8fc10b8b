package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.io.VerifyingInputStream;

import java.util.concurrent.CompletableFuture;

/**
 * What a backend implements for {@link UploadEngine#stream}: ONE request whose body is sent while it is
 * read, its last byte (the commit point) held back until the body is verified.
 *
 * @param <A> the host's answer to the request
 * @param <R> what {@link #finish} makes of it
 */
public interface StreamTarget<A, R> {
    /**
     * Starts the request; its body is {@code body}, written with {@link ChunkPipe#drainTo} by the HTTP client.
     *
     * @return the request's answer, failed (not thrown) when it could not start
     */
    CompletableFuture<A> start(ChunkPipe body);

    /** Last checks right before the last byte is released (e.g. conditions the host does not check itself). */
    void beforeLastByte();

    /**
     * Waits for the request's answer. Called once the request ended, or was cut before its last byte
     * (then the body stream is not finished and the answer has failed).
     *
     * @param answer the answer from {@link #start}
     * @param verified the body stream
     * @return the committed result
     */
    R finish(CompletableFuture<A> answer, VerifyingInputStream verified);
}
