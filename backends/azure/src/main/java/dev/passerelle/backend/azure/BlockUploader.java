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
import dev.passerelle.api.spi.support.upload.Chunk;
import dev.passerelle.api.spi.support.upload.PartSizing;
import dev.passerelle.api.spi.support.upload.UploadEngine;
import dev.passerelle.api.spi.support.upload.UploadPlan;
import dev.passerelle.api.spi.support.upload.UploadTarget;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
/**
 * Streams one upload into a block blob with bounded memory, through the shared upload engine
 * ({@link UploadEngine}; this class supplies Azure's calls: Put Blob, Put Block, Put Block List).
 *
 * <p>The body is read through a {@link VerifyingInputStream} into at most {@code upload-concurrency}
 * buffers of one block each; full buffers are staged in parallel as uncommitted blocks while the
 * next one fills. Only when the whole body arrived and {@link VerifyingInputStream#finish()} passed
 * is the block list committed, with the metadata, Passerelle's checksums and the put conditions
 * (If-Match / If-None-Match / If-Unmodified-Since) in the same request, so Azure checks them
 * atomically with the commit. A body that ends within its first {@code upload-concurrency} blocks
 * is sent as one Put Blob (with a transactional MD5 that Azure checks), which is equally atomic. A
 * failed upload commits nothing; abort sends nothing: its staged blocks stay uncommitted and Azure
 * discards them (at the next commit of the blob, or after a week).
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
        try {
            VerifyingInputStream verifying = VerifyingInputStream.forPut(data, length, BlockSizing.maxLength(length, blockSize), put);
            // up to upload-concurrency blocks are read before deciding, and never more are held: memory is upload-concurrency x block size
            int concurrency = options.uploadConcurrency();
            UploadPlan plan = UploadPlan.ownMemory(PartSizing.bufferSize(blockSize), concurrency, concurrency, BlockSizing.MAX_BLOCKS);
            return UploadEngine.upload(verifying, length, plan, new Blocks(blob, key, put));
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

    /** Azure's calls for one upload. */
    private final class Blocks implements UploadTarget<String, ObjectInfo> {
        private final BlockBlobClient blob;
        private final String key;
        private final PutOptions put;

        Blocks(BlockBlobClient blob, String key, PutOptions put) {
            this.blob = blob;
            this.key = key;
            this.put = put;
        }

        /** The whole body is in memory already (at most upload-concurrency blocks): one atomic Put Blob. */
        @Override
        public ObjectInfo putWhole(List<Chunk> body, VerifyingInputStream verifying) {
            byte[] md5 = Hex.decode(verifying.md5Hex());
            Map<String, String> metadata = MetadataCodec.encode(put.userMetadata(), verifying.sha256Hex(), verifying.md5Hex());
            List<ByteBuffer> buffers = new ArrayList<>();
            for (Chunk c : body) {
                addSlices(buffers, c.data(), c.length());
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

        /** @return this upload's fresh block-id prefix: no request, Azure has no upload to start */
        @Override
        public String initiate() {
            byte[] b = new byte[8];
            RANDOM.nextBytes(b);
            return Hex.encode(b);
        }

        /** Stages one uncommitted block on the store's staging threads. */
        @Override
        public CompletableFuture<String> uploadPart(String uploadId, int partNumber, Chunk part) {
            String id = blockId(uploadId, partNumber - 1);
            try {
                return CompletableFuture.supplyAsync(() -> {
                    BinaryData body = BinaryData.fromListByteBuffer(addSlices(new ArrayList<>(), part.data(), part.length()));
                    blob.stageBlockWithResponse(new BlockBlobStageBlockOptions(id, body), options.timeout(), Context.NONE);
                    return id;
                }, executor);
            } catch (RejectedExecutionException e) {
                throw new StorageException(ErrorKind.UNAVAILABLE, "the Azure backend is closing", e);
            }
        }

        /** Put Block List with the metadata, Passerelle's checksums and the conditions, checked by Azure atomically. */
        @Override
        public ObjectInfo complete(String uploadId, List<String> ids, VerifyingInputStream verifying) {
            BlockBlobCommitBlockListOptions commit = new BlockBlobCommitBlockListOptions(ids)
                    .setHeaders(new BlobHttpHeaders().setContentType(put.contentType()).setContentMd5(Hex.decode(verifying.md5Hex())))
                    .setMetadata(MetadataCodec.encode(put.userMetadata(), verifying.sha256Hex(), verifying.md5Hex()))
                    .setRequestConditions(AzureObjects.writeConditions(put.conditions()));
            Response<BlockBlobItem> r = blob.commitBlockListWithResponse(commit, options.timeout(), Context.NONE);
            return info(key, r.getValue(), verifying, put);
        }

        /** Nothing to send: uncommitted blocks are discarded by Azure (see the class comment). */
        @Override
        public void abort(String uploadId) {
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

    /** @return the base64 block id of block {@code index}: always 32 characters before encoding */
    static String blockId(String uploadId, int index) {
        String raw = uploadId + String.format("%016d", index);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }
}
