package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.VerifyingInputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one upload engine of every backend that sends parts: the backend implements a few small calls
 * ({@link UploadTarget}: put whole, initiate, upload part, complete, abort; {@link StreamTarget} for
 * one request streamed while it is read) and the engine does the rest, once:
 * <ul>
 *   <li><b>buffering</b>: a body of declared length up to {@link UploadPlan#wholeMax()} is read into
 *       buffers of exactly its size; one of unknown length reserves one part of the budget and grows
 *       its first buffer from 64 KiB, so a small body costs a small buffer; later parts reuse at most
 *       {@link UploadPlan#partsInMemory()} buffers taken from the plan's {@link UploadBufferPool};</li>
 *   <li><b>the route</b>: a body that ends within the first {@link UploadPlan#wholeParts()} parts is ONE
 *       {@link UploadTarget#putWhole}; anything longer is a multipart upload;</li>
 *   <li><b>parallelism</b>: parts are sent while the next one is read, as many at once as the buffers allow;</li>
 *   <li><b>hashing hand-off</b>: the body is read through the caller's {@link VerifyingInputStream};
 *       it is {@link VerifyingInputStream#finish() finished} (length and expected checksums checked)
 *       before the commit, which gets it to read the SHA-256 and MD5;</li>
 *   <li><b>the commit point</b>: {@link UploadTarget#putWhole} or {@link UploadTarget#complete}, called
 *       only when the whole body arrived, verified, and every part is stored; never after a failure;</li>
 *   <li><b>abort</b>: any failure after {@link UploadTarget#initiate} (a part, the source stream, the
 *       verification, the commit) waits for the parts in flight, then {@link UploadTarget#abort}s.</li>
 * </ul>
 * Memory of one upload is at most {@code partsInMemory x partSize}; all uploads sharing a pool stay
 * within its budget. The engine waits for pool memory only while the buffers it holds are parts in
 * flight (which come back), so uploads sharing a pool cannot deadlock, provided a plan that buffers
 * more than one part before deciding ({@code wholeParts > 1}) has a pool of its own.
 */
public final class UploadEngine {
    /** Chunks of a streamed request ({@link #stream}): 4 x 256 KiB per upload. */
    static final int STREAM_CHUNKS = 4;
    static final int STREAM_CHUNK_SIZE = 256 * 1024;
    private static final Supplier<Throwable> NO_FAILURE = () -> null;

    private UploadEngine() {
    }

    /**
     * Uploads one body as one request or in parts (see the class comment).
     *
     * @param in the body, verifying; read to its end, not closed
     * @param length the declared length, or -1
     * @param plan part size and memory
     * @param target the host's calls
     * @return the commit's answer
     * @throws IOException when reading the body failed (the upload is aborted; nothing is committed)
     */
    public static <P, R> R upload(VerifyingInputStream in, long length, UploadPlan plan, UploadTarget<P, R> target) throws IOException {
        PartReader reader = new PartReader(in, length);
        if (length >= 0 && length <= plan.wholeMax()) {
            return wholeOfKnownLength(in, reader, length, plan, target);
        }
        PartBuffers parts = new PartBuffers(plan.pool(), plan.partSize(), plan.partsInMemory());
        if (length >= 0) {
            return multipart(in, reader, plan, target, parts, List.of());
        }
        // unknown length: one part's worth of the budget up front, then the first buffer grows only as far as the body goes
        plan.pool().reserve(plan.partSize(), NO_FAILURE);
        Chunk first;
        try {
            first = reader.fillGrowing(plan.partSize());
        } catch (IOException | RuntimeException | Error e) {
            plan.pool().unreserve(plan.partSize());
            throw e;
        }
        if (reader.ended()) {
            try {
                in.finish();
                return target.putWhole(List.of(first), in);
            } finally {
                plan.pool().unreserve(plan.partSize());
            }
        }
        // the full buffer has the part size: the reservation is now that buffer, one of this upload's
        parts.adopt();
        List<Chunk> head = new ArrayList<>(List.of(first));
        try {
            while (!reader.ended() && head.size() < plan.wholeParts()) {
                byte[] buf = parts.acquire(NO_FAILURE);
                head.add(new Chunk(buf, fill(reader, buf, buf.length, parts)));
            }
        } catch (IOException | RuntimeException | Error e) {
            release(head, parts);
            throw e;
        }
        if (reader.ended()) {
            try {
                in.finish();
                return target.putWhole(head, in);
            } finally {
                release(head, parts);
            }
        }
        return multipart(in, reader, plan, target, parts, head);
    }

    private static <P, R> R wholeOfKnownLength(VerifyingInputStream in, PartReader reader, long length, UploadPlan plan,
                                               UploadTarget<P, R> target) throws IOException {
        List<Chunk> body = new ArrayList<>();
        List<byte[]> held = new ArrayList<>();
        try {
            do {
                // exactly the body's size, from the budget: a small object holds a small buffer
                byte[] buf = plan.pool().acquire(reader.nextSize(plan.partSize()), NO_FAILURE);
                held.add(buf);
                body.add(new Chunk(buf, reader.fill(buf, buf.length)));
            } while (!reader.ended());
            in.finish();
            return target.putWhole(body, in);
        } finally {
            held.forEach(plan.pool()::release);
        }
    }

    private static <P, R> R multipart(VerifyingInputStream in, PartReader reader, UploadPlan plan, UploadTarget<P, R> target,
                                      PartBuffers parts, List<Chunk> head) throws IOException {
        String uploadId;
        try {
            uploadId = target.initiate();
        } catch (RuntimeException | Error e) {
            release(head, parts);
            parts.close();
            throw e;
        }
        try {
            List<P> stored = sendParts(reader, plan, target, uploadId, parts, head);
            in.finish();
            return target.complete(uploadId, stored, in);
        } catch (IOException | RuntimeException | Error e) {
            try {
                target.abort(uploadId);
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private static <P> List<P> sendParts(PartReader reader, UploadPlan plan, UploadTarget<P, ?> target, String uploadId,
                                         PartBuffers parts, List<Chunk> head) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<P>> sent = new ArrayList<>();
        int next = 0;
        try {
            for (; next < head.size(); next++) {
                sent.add(send(target, uploadId, next + 1, head.get(next), parts, failure));
            }
            while (!reader.ended() && failure.get() == null) {
                byte[] buf;
                try {
                    buf = parts.acquire(failure::get);
                } catch (StorageException e) {
                    if (failure.get() != null) {
                        break; // a part failed while we waited: that failure is the upload's
                    }
                    throw e;
                }
                int n = fill(reader, buf, reader.nextSize(plan.partSize()), parts);
                if (n == 0) {
                    parts.release(buf);
                    break;
                }
                if (next >= plan.maxParts()) {
                    parts.release(buf);
                    throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "the body needs more than the host's " + plan.maxParts()
                            + " parts of " + plan.partSize() + " bytes; declare its length or raise the part size");
                }
                next++;
                sent.add(send(target, uploadId, next, new Chunk(buf, n), parts, failure));
            }
        } finally {
            // never leave a part in flight behind: wait for every started one, failed or not (then the buffers go back)
            CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).exceptionally(t -> null).join();
            parts.close();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw unchecked(failed);
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static <P> CompletableFuture<P> send(UploadTarget<P, ?> target, String uploadId, int number, Chunk part, PartBuffers parts,
                                                 AtomicReference<Throwable> failure) {
        CompletableFuture<P> f;
        try {
            f = target.uploadPart(uploadId, number, part);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.whenComplete((p, t) -> {
            parts.release(part.data());
            if (t != null) {
                failure.compareAndSet(null, unwrap(t));
            }
        });
    }

    private static int fill(PartReader reader, byte[] buf, int limit, PartBuffers parts) throws IOException {
        try {
            return reader.fill(buf, limit);
        } catch (IOException | RuntimeException | Error e) {
            parts.release(buf);
            throw e;
        }
    }

    private static void release(List<Chunk> chunks, PartBuffers parts) {
        for (Chunk c : chunks) {
            parts.release(c.data());
        }
        parts.close();
    }

    /**
     * Sends one body of declared length as ONE request while it is read: a few 256 KiB chunks per
     * upload whatever its size, no multipart state on the host if the process dies. The commit point is
     * the body's last byte: it is held back until the whole body has been read and verified
     * ({@link VerifyingInputStream#finish()}, then {@link StreamTarget#beforeLastByte()}), and on any
     * failure the request is cut before it, so the host (which expects Content-Length bytes) never
     * stores a partial or wrong object.
     *
     * @return what {@link StreamTarget#finish} makes of the answer
     * @throws IOException when reading the body failed (the request was cut)
     */
    public static <A, R> R stream(VerifyingInputStream in, StreamTarget<A, R> target) throws IOException {
        ChunkPipe body = new ChunkPipe(STREAM_CHUNKS, STREAM_CHUNK_SIZE);
        CompletableFuture<A> call = target.start(body);
        boolean released = false;
        try {
            PartReader reader = new PartReader(in, in.declaredLength());
            byte[] held = null;
            int heldLength = 0;
            while (!reader.ended()) {
                byte[] chunk = body.takeChunk(call::isDone);
                if (chunk == null) {
                    break; // the request already ended (the host answered early): its outcome says why
                }
                int n = reader.fill(chunk, reader.nextSize(chunk.length));
                if (n > 0) {
                    if (held != null) {
                        body.send(held, heldLength);
                    }
                    held = chunk;
                    heldLength = n;
                }
            }
            if (!call.isDone()) {
                in.finish();
                target.beforeLastByte();
                if (held != null) {
                    body.send(held, heldLength);
                }
                body.end();
                released = true;
            }
        } finally {
            if (!released) {
                body.fail("the body failed verification or could not be read");
                call.exceptionally(t -> null).join();
            }
        }
        return target.finish(call, in);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable u = t;
        while ((u instanceof CompletionException || u instanceof ExecutionException) && u.getCause() != null) {
            u = u.getCause();
        }
        return u;
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CompletionException(t);
    }
}
