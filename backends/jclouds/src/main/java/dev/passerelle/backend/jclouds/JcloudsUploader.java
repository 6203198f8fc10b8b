package dev.passerelle.backend.jclouds;

import com.google.common.hash.HashCode;
import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.api.io.VerifyingInputStream;
import dev.passerelle.api.spi.support.AsciiHeaderMetadata;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Puts one object: reads the body through a {@link VerifyingInputStream} into a {@link SpooledBody}
 * (memory, then a temporary file), checks length, expected checksums and write conditions, then
 * stores it with ONE jclouds {@code putBlob} carrying Passerelle's checksums as metadata and a
 * Content-MD5 the host verifies. Conditions are checked just before that put, not atomically with it:
 * the backend declares {@code atomicConditionalPut=false}.
 */
final class JcloudsUploader {
    private final BlobStore blobs;
    private final JcloudsSettings settings;
    private final JcloudsErrors errors;
    private final BiFunction<String, String, ObjectInfo> headOrNull;

    /**
     * @param blobs jclouds' blob store
     * @param settings the backend's settings (buffer, spill directory, limits)
     * @param errors the error mapper
     * @param headOrNull reads an object's info, null when it does not exist
     */
    JcloudsUploader(BlobStore blobs, JcloudsSettings settings, JcloudsErrors errors, BiFunction<String, String, ObjectInfo> headOrNull) {
        this.blobs = blobs;
        this.settings = settings;
        this.errors = errors;
        this.headOrNull = headOrNull;
    }

    /**
     * @return the stored object's info, with the checksums computed while reading
     * @throws StorageException as {@link dev.passerelle.api.BlobStore#put} says
     */
    ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        int wireLimit = settings.profile().metadataWireBytes();
        AsciiHeaderMetadata.encode(options.userMetadata(), Map.of(), wireLimit);
        VerifyingInputStream in = VerifyingInputStream.forPut(data, length, settings.profile().maxObjectSize(), options);
        try (SpooledBody body = SpooledBody.read(in, settings.bufferSize(), settings.spillDir())) {
            in.finish();
            Map<ChecksumAlgorithm, Checksum> checksums = in.checksums();
            Map<String, String> metadata = AsciiHeaderMetadata.encode(options.userMetadata(), checksums, wireLimit);
            if (!options.conditions().isEmpty()) {
                options.conditions().checkWrite(headOrNull.apply(container, key));
            }
            Blob blob = blobs.blobBuilder(key)
                    .payload(body.payload())
                    .contentLength(body.length())
                    .contentType(options.contentType())
                    .contentMD5(HashCode.fromBytes(Hex.decode(in.md5Hex())))
                    .userMetadata(metadata)
                    .build();
            String etag;
            try {
                etag = blobs.putBlob(container, blob);
            } catch (RuntimeException e) {
                // some hosts answer a PUT into a missing container before reading the body: the client
                // sees a dropped connection, not the 404
                if (!blobs.containerExists(container)) {
                    throw new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "no such container", e);
                }
                throw e;
            }
            return stored(container, key, body.length(), etag, options, checksums);
        } catch (IOException e) {
            throw errors.map(StorageException.invalid("read_failed", "reading the upload failed: " + e.getMessage()), container, key);
        } catch (RuntimeException e) {
            throw errors.map(e, container, key);
        }
    }

    /**
     * @return what the host reports for the object just stored when it is ours (same SHA-256 and size);
     *         otherwise (a concurrent writer got in first) what we stored, dated now
     */
    private ObjectInfo stored(String container, String key, long size, String etag, PutOptions options,
                              Map<ChecksumAlgorithm, Checksum> checksums) {
        String sha = checksums.get(ChecksumAlgorithm.SHA256).hex();
        try {
            ObjectInfo head = headOrNull.apply(container, key);
            if (head != null && head.size() == size && head.passerelleSha256().map(sha::equals).orElse(false)) {
                return head.withChecksums(checksums);
            }
        } catch (StorageException e) {
            if (e.kind().retryableByDefault()) {
                // the object is stored; a failing read-back must not turn the put into a failure
                return new ObjectInfo(key, size, etag, options.contentType(), Instant.now(), options.userMetadata(), checksums);
            }
            throw e;
        }
        if (etag == null || etag.isEmpty()) {
            throw new StorageException(ErrorKind.CONFLICT, "the object was replaced or deleted by another writer before it could be read back");
        }
        return new ObjectInfo(key, size, etag, options.contentType(), Instant.now(), options.userMetadata(), checksums);
    }
}
