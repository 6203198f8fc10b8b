package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The filesystem backend's one error mapper: turns an {@link IOException} into a {@link StorageException}. */
final class FsErrors {
    private FsErrors() {
    }

    /**
     * Maps a failure of the filesystem itself (not of the caller's upload stream).
     *
     * @param what a short description of the operation, e.g. "write object"
     * @return the exception to throw
     */
    static StorageException map(String what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new StorageException(ErrorKind.FORBIDDEN, what + ": permission denied by the filesystem", e);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : String.valueOf(e.getMessage());
        if (reason.contains("No space left") || reason.contains("Disk quota exceeded")) {
            return new StorageException(ErrorKind.QUOTA, what + ": " + reason, e);
        }
        if (reason.contains("Read-only file system")) {
            return new StorageException(ErrorKind.FORBIDDEN, what + ": read-only file system", e);
        }
        return new StorageException(ErrorKind.UNAVAILABLE, ErrorKind.UNAVAILABLE.code(), what + ": " + e.getClass().getSimpleName() + " " + reason, false, e);
    }

    /** @return whether the failure means "there is no such file" (also a path crossing a regular file) */
    static boolean isMissing(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return true;
        }
        return e instanceof FileSystemException fse && fse.getReason() != null
                && (fse.getReason().contains("Not a directory") || fse.getReason().contains("Is a directory"));
    }

    /** @return OBJECT_NOT_FOUND for a key */
    static StorageException objectNotFound(String container, String key) {
        return new StorageException(ErrorKind.OBJECT_NOT_FOUND, "no object under this key").withLocation(container, key);
    }

    /** @return CONTAINER_NOT_FOUND for a container */
    static StorageException containerNotFound(String container) {
        return new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "no such container").withLocation(container, null);
    }

    /** @return the failure of the CALLER's upload stream: the body is incomplete, nothing is stored */
    static StorageException uploadFailed(IOException e) {
        return new StorageException(ErrorKind.INVALID_ARGUMENT, "incomplete_body", "reading the upload stream failed: " + e.getMessage(), false, e);
    }
}
