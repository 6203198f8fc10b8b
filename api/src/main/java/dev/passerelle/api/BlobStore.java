package dev.passerelle.api;

import java.io.InputStream;
import java.util.List;

/**
 * The portable storage contract: containers (buckets) holding objects, at one host.
 *
 * <p>Blocking and streaming: no method holds a whole object in memory. Implementations are
 * thread-safe. Every failure is a {@link StorageException} with an {@link ErrorKind}; nothing
 * returns null for "missing". Names are checked by {@link Names} before the host is called, so
 * a bad name is always INVALID_ARGUMENT, whatever the backend.
 */
public interface BlobStore extends AutoCloseable {

    /** @return what this backend can do; constant for the store's lifetime */
    Capabilities capabilities();

    /**
     * Creates a container.
     *
     * @throws StorageException ALREADY_EXISTS if it exists, INVALID_ARGUMENT for a bad name
     */
    void createContainer(String container, CallContext context);

    /**
     * @return whether the container exists
     * @throws StorageException INVALID_ARGUMENT for a bad name; UNAVAILABLE etc. when the host fails
     */
    boolean containerExists(String container, CallContext context);

    /**
     * Deletes an EMPTY container. A container that still holds objects is never deleted.
     *
     * @throws StorageException CONTAINER_NOT_FOUND if missing, CONFLICT if not empty
     */
    void deleteContainer(String container, CallContext context);

    /**
     * @return the containers at this store, sorted by name (a small list: containers are few)
     */
    List<ContainerInfo> listContainers(CallContext context);

    /**
     * Stores an object from a stream, replacing any object under the key. The object becomes
     * visible at ONE commit point with all its metadata and checksums; the put fails and stores
     * NOTHING (a previous object stays intact) if reading {@code data} throws, if fewer or more
     * bytes than a declared {@code length} arrive, if an expected checksum does not match
     * (CHECKSUM_MISMATCH) or a condition fails (PRECONDITION_FAILED). The caller keeps ownership of
     * {@code data} and closes it; the store reads it to its end.
     *
     * @param length the number of bytes {@code data} holds, or -1 when unknown
     * @return the stored object's info, with the SHA-256 and MD5 Passerelle computed while streaming
     * @throws StorageException CONTAINER_NOT_FOUND, INVALID_ARGUMENT, CHECKSUM_MISMATCH, PRECONDITION_FAILED,
     *         PAYLOAD_TOO_LARGE, and host failures
     */
    ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options);

    /**
     * Opens an object (or one byte range of it) for reading. The caller must close the returned
     * content. A range whose end runs past the object is clamped.
     *
     * @return the content; its stream holds exactly {@link ObjectContent#length()} bytes
     * @throws StorageException CONTAINER_NOT_FOUND, OBJECT_NOT_FOUND, INVALID_RANGE (the range starts at or
     *         past the end), PRECONDITION_FAILED, NOT_MODIFIED
     */
    ObjectContent get(String container, String key, GetOptions options);

    /**
     * Reads an object's metadata; conditions apply as for {@link #get}, the range is ignored.
     *
     * @throws StorageException CONTAINER_NOT_FOUND, OBJECT_NOT_FOUND, PRECONDITION_FAILED, NOT_MODIFIED
     */
    ObjectInfo head(String container, String key, GetOptions options);

    /**
     * Deletes an object.
     *
     * @throws StorageException CONTAINER_NOT_FOUND, OBJECT_NOT_FOUND if there was no such object
     */
    void delete(String container, String key, CallContext context);

    /**
     * Copies an object within this store without streaming it through Passerelle, keeping content
     * type, user metadata and Passerelle's checksums.
     *
     * @return the new object's info
     * @throws StorageException UNSUPPORTED unless {@link Capabilities#serverSideCopy()}; CONTAINER_NOT_FOUND,
     *         OBJECT_NOT_FOUND, PRECONDITION_FAILED (source conditions)
     */
    ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options);

    /**
     * Fetches one page of a listing.
     *
     * @return the page; {@link ListPage#nextContinuationToken()} is null on the last page
     * @throws StorageException CONTAINER_NOT_FOUND, INVALID_ARGUMENT (bad token)
     */
    ListPage listPage(String container, ListRequest request);

    /**
     * Lists lazily: pages are fetched through {@link #listPage} as iteration reaches them.
     *
     * @return a lazy listing; nothing is fetched until it is iterated
     */
    default Listing list(String container, ListRequest request) {
        return new Listing(this, container, request);
    }

    /**
     * Checks the host is reachable and accepts our credentials (used by readiness checks).
     *
     * @throws StorageException UNAVAILABLE, BACKEND_AUTH_FAILED, TIMEOUT
     */
    default void checkHealth() {
        listContainers(CallContext.system());
    }

    /** Releases clients and threads. The default does nothing. */
    @Override
    default void close() {
    }
}
