package dev.passerelle.backend.azure;

import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.api.io.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams one upload into a block blob with bounded memory.
 *
 * <p>The body is read through a {@link VerifyingInputStream} into at most {@code upload-concurrency}
 * buffers of one block each; full buffers are staged in parallel as uncommitted blocks while the
 * next one fills. Only when the whole body arrived and {@link VerifyingInputStream#finish()} passed
 * is the block list committed, with the metadata, Passerelle's checksums and the put conditions
 * (If-Match / If-None-Match / If-Unmodified-Since) in the same request, so Azure checks them
 * atomically with the commit. A body that ends within its first {@code upload-concurrency} blocks
 * is sent as one Put Blob (with a transactional MD5 that Azure checks), which is equally atomic. A failed or aborted upload commits nothing: its staged blocks stay uncommitted and
 * Azure discards them (at the next commit of the blob, or after a week).
 *
 * <p>Block ids are 32 characters (16 random hex characters per upload, then the block number),
 * base64-encoded: the same length for every upload, as Azure requires, and never reused, so a
 * leftover block of an aborted upload can never end up in another upload's blob. When two uploads
 * race on one key, the first commit discards the other's uncommitted blocks, so the second commit
 * fails with InvalidBlockList, mapped to CONFLICT: one upload wins whole, never a mixed blob.
 * Bodies that fit in the {@code upload-concurrency} buffers (32 MiB with the defaults) never race
 * this way: they are sent as one Put Blob, and concurrent Put Blobs simply replace each other.
 */
final class BlockUploader {
    static final int SLICE = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FIRST_BUFFER = 64 * 1024;

    private final AzureErrors errors;
    private final AzureOptions options;
    private final ExecutorService executor;
    private final DirectBlobHttp direct;

    /**
     * @param errors the backend's error mapper
     * @param options block size, concurrency, timeout
     * @param executor threads that stage blocks (shared by all uploads of the store)
     * @param direct the transport of single-shot uploads, or null to send them through the SDK
     */
    BlockUploader(AzureErrors errors, AzureOptions options, ExecutorService executor, DirectBlobHttp direct) {
        this.errors = errors;
        this.options = options;
        this.executor = executor;
        this.direct = direct;
    }

    /**
     * Uploads and commits one object.
     *
     * @param blob the target blob
     * @param container the container (for messages)
     * @param key the key
     * @param data the body; read to its end, not closed
     * @param length the declared length, or -1
     * @param put content type, metadata, conditions, expected checksums
     * @return the stored object's info, with Passerelle's checksums
     */
    ObjectInfo upload(BlockBlobClient blob, String container, String key, InputStream data, long length, PutOptions put) {
        long blockSize = BlockSizing.blockSize(length, options.blockSize());
        VerifyingInputStream verifying = VerifyingInputStream.forPut(data, length, BlockSizing.maxLength(length, blockSize), put);
        PushbackInputStream in = new PushbackInputStream(verifying, 1);
        try {
            List<Block> head = new ArrayList<>();
            long consumed = 0;
            Block block;
            do {
                int capacity = (int) (length >= 0 ? Math.min(blockSize, length - consumed) : head.isEmpty() ? FIRST_BUFFER : blockSize);
                block = readBlock(in, new byte[capacity], blockSize, length < 0);
                head.add(block);
                consumed += block.length;
            } while (!block.last && head.size() < options.uploadConcurrency());
            if (block.last) {
                verifying.finish();
                return single(blob, key, head, verifying, put);
            }
            return staged(blob, key, head, in, verifying, blockSize, put);
        } catch (StorageException e) {
            throw tooLargeIfUnknown(e, length, blockSize).withBackend(errors.backend()).withLocation(container, key);
        } catch (IOException e) {
            throw new StorageException(ErrorKind.INVALID_ARGUMENT, "incomplete_body",
                    "reading the upload's body failed: " + e.getMessage() + "; nothing was stored", false, e)
                    .withBackend(errors.backend()).withLocation(container, key);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.WRITE, container, key);
        }
    }

    /** The whole body is in memory already (at most upload-concurrency blocks): one atomic Put Blob. */
    private ObjectInfo single(BlockBlobClient blob, String key, List<Block> blocks, VerifyingInputStream verifying, PutOptions put) {
        byte[] md5 = Hex.decode(verifying.md5Hex());
        Map<String, String> metadata = MetadataCodec.encode(put.userMetadata(), verifying.sha256Hex(), verifying.md5Hex());
        List<ByteBuffer> buffers = new ArrayList<>();
        for (Block b : blocks) {
            addSlices(buffers, b.data, b.length);
        }
        if (direct != null) {
            Map<String, String> answer = direct.putBlob(blob.getContainerName(), key, buffers, put.contentType(), md5, metadata, put.conditions());
            return new ObjectInfo(key, verifying.count(), answer.get("etag"), put.contentType(),
                    AzureObjects.httpDate(answer.get("last-modified"), Instant.now()), put.userMetadata(), verifying.checksums());
        }
        BlockBlobSimpleUploadOptions o = new BlockBlobSimpleUploadOptions(BinaryData.fromListByteBuffer(buffers))
                .setHeaders(new BlobHttpHeaders().setContentType(put.contentType()).setContentMd5(md5))
                .setMetadata(metadata)
                .setContentMd5(md5)
                .setRequestConditions(AzureObjects.writeConditions(put.conditions()));
        Response<BlockBlobItem> r = blob.uploadWithResponse(o, options.timeout(), Context.NONE);
        return info(key, r.getValue(), verifying, put);
    }

    private ObjectInfo staged(BlockBlobClient blob, String key, List<Block> head, PushbackInputStream in, VerifyingInputStream verifying,
                              long blockSize, PutOptions put) throws IOException {
        String uploadId = randomHex16();
        int permits = options.uploadConcurrency();
        Semaphore inFlight = new Semaphore(permits - head.size()); // each block read so far holds a permit
        BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(permits);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<String> ids = new ArrayList<>();
        int holding = head.size();
        try {
            for (Block b : head) {
                String id = blockId(uploadId, ids.size());
                ids.add(id);
                holding--; // the task releases this block's permit (submit does, if it is rejected)
                submit(blob, id, b, inFlight, pool, failure, blockSize);
            }
            Block block = head.get(head.size() - 1);
            while (!block.last) {
                rethrow(failure.get());
                acquire(inFlight);
                holding++;
                rethrow(failure.get());
                byte[] buffer = pool.poll();
                block = readBlock(in, buffer != null ? buffer : new byte[(int) blockSize], blockSize, false);
                String id = blockId(uploadId, ids.size());
                ids.add(id);
                holding--;
                submit(blob, id, block, inFlight, pool, failure, blockSize);
            }
            verifying.finish();
            inFlight.acquireUninterruptibly(permits);
            inFlight.release(permits);
            rethrow(failure.get());
            BlockBlobCommitBlockListOptions commit = new BlockBlobCommitBlockListOptions(ids)
                    .setHeaders(new BlobHttpHeaders().setContentType(put.contentType()).setContentMd5(Hex.decode(verifying.md5Hex())))
                    .setMetadata(MetadataCodec.encode(put.userMetadata(), verifying.sha256Hex(), verifying.md5Hex()))
                    .setRequestConditions(AzureObjects.writeConditions(put.conditions()));
            Response<BlockBlobItem> r = blob.commitBlockListWithResponse(commit, options.timeout(), Context.NONE);
            return info(key, r.getValue(), verifying, put);
        } finally {
            // never leave staging threads running past the call: wait for blocks in flight
            inFlight.release(holding);
            inFlight.acquireUninterruptibly(permits);
            inFlight.release(permits);
        }
    }

    private void submit(BlockBlobClient blob, String id, Block block, Semaphore inFlight, BlockingQueue<byte[]> pool,
                        AtomicReference<Throwable> failure, long blockSize) {
        Runnable task = () -> {
            try {
                if (failure.get() == null) {
                    BinaryData body = BinaryData.fromListByteBuffer(addSlices(new ArrayList<>(), block.data, block.length));
                    blob.stageBlockWithResponse(new BlockBlobStageBlockOptions(id, body), options.timeout(), Context.NONE);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                if (block.data.length == blockSize) {
                    pool.offer(block.data);
                }
                inFlight.release();
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            inFlight.release();
            throw new StorageException(ErrorKind.UNAVAILABLE, "the Azure backend is closing", e);
        }
    }

    /**
     * Adds a block's bytes as views of at most 64 KiB each (no copy). The HTTP client writes each
     * buffer it is given to the socket; a multi-MiB heap buffer would be copied whole into a temporary
     * direct buffer for every partial write (NIO copies all that remains), so large bodies cost CPU
     * quadratic in the buffer's size.
     *
     * @return {@code into}
     */
    static List<ByteBuffer> addSlices(List<ByteBuffer> into, byte[] data, int length) {
        for (int off = 0; off < length; off += SLICE) {
            into.add(ByteBuffer.wrap(data, off, Math.min(SLICE, length - off)).slice());
        }
        if (length == 0 && into.isEmpty()) {
            into.add(ByteBuffer.allocate(0));
        }
        return into;
    }

    /**
     * Fills a buffer with up to {@code blockSize} bytes, growing it if it is smaller, then peeks one
     * byte to learn whether the body ends here.
     */
    private static Block readBlock(PushbackInputStream in, byte[] buffer, long blockSize, boolean grow) throws IOException {
        byte[] buf = buffer;
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (!grow || buf.length >= blockSize) {
                    break;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(blockSize, (long) buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return new Block(buf, n, true);
            }
            n += r;
        }
        int next = in.read();
        if (next < 0) {
            return new Block(buf, n, true);
        }
        in.unread(next);
        return new Block(buf, n, false);
    }

    private static ObjectInfo info(String key, BlockBlobItem item, VerifyingInputStream verifying, PutOptions put) {
        Instant modified = item.getLastModified() == null ? Instant.now() : item.getLastModified().toInstant();
        return new ObjectInfo(key, verifying.count(), item.getETag(), put.contentType(), modified,
                put.userMetadata(), verifying.checksums());
    }

    private StorageException tooLargeIfUnknown(StorageException e, long length, long blockSize) {
        if (length < 0 && e.kind() == ErrorKind.PAYLOAD_TOO_LARGE) {
            return new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, null,
                    "an upload of unknown length may hold at most " + BlockSizing.MAX_BLOCKS + " blocks of " + blockSize
                            + " bytes (" + BlockSizing.maxLength(-1, blockSize) + " bytes); declare the length or raise block-size",
                    false, e);
        }
        return e;
    }

    private static void acquire(Semaphore s) {
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.UNAVAILABLE, "upload interrupted; nothing was stored", e);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** @return the base64 block id of block {@code index}: always 32 characters before encoding */
    static String blockId(String uploadId, int index) {
        String raw = uploadId + String.format("%016d", index);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomHex16() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return Hex.encode(b);
    }

    /** One block's bytes: {@code data[0..length)}; {@code last} when the body ends after it. */
    private record Block(byte[] data, int length, boolean last) {
    }
}
