package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filesystem backend's one error mapper over the failures the JDK really raises (kind, code,
 * retryable): each taken from a real call where one can be provoked cheaply (a missing file, a path
 * through a regular file, an existing directory, {@code /dev/full} for ENOSPC), else built as the JDK
 * builds it from errno ({@code UnixException.translateToIOException}: EACCES is an
 * AccessDeniedException, other errors a FileSystemException with {@code strerror} as the reason).
 */
class FsErrorsTest {
    @TempDir
    Path tmp;

    private static void assertMapped(IOException e, ErrorKind kind, String code, boolean retryable) {
        StorageException mapped = FsErrors.map("write object", e);
        assertEquals(kind, mapped.kind(), String.valueOf(e));
        assertEquals(code, mapped.code(), String.valueOf(e));
        assertEquals(retryable, mapped.retryable(), String.valueOf(e));
        assertTrue(mapped.getMessage().contains("write object"), mapped.getMessage());
    }

    @Test
    void missingFilesAndPathsThroughAFileAreMissing() throws IOException {
        IOException noSuchFile = assertThrows(IOException.class, () -> Files.newInputStream(tmp.resolve("absent")));
        assertTrue(FsErrors.isMissing(noSuchFile), noSuchFile.toString());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        IOException throughFile = assertThrows(IOException.class, () -> Files.newInputStream(file.resolve("child")));
        assertTrue(FsErrors.isMissing(throughFile), "ENOTDIR: " + throughFile);
        IOException notDir = assertThrows(IOException.class, () -> Files.newDirectoryStream(file));
        assertTrue(FsErrors.isMissing(notDir), notDir.toString());
        IOException exists = assertThrows(IOException.class, () -> Files.createDirectory(tmp));
        assertFalse(FsErrors.isMissing(exists), exists.toString());
    }

    @Test
    void aFullDiskIsQuota() throws IOException {
        Path full = Path.of("/dev/full");
        if (Files.isWritable(full)) {
            IOException enospc = assertThrows(IOException.class, () -> {
                try (OutputStream out = Files.newOutputStream(full)) {
                    out.write(new byte[4096]);
                    out.flush();
                }
            });
            assertMapped(enospc, ErrorKind.QUOTA, "quota_exceeded", false);
        }
        assertMapped(new FileSystemException("/data/b/k", null, "No space left on device"), ErrorKind.QUOTA, "quota_exceeded", false);
        assertMapped(new FileSystemException("/data/b/k", null, "Disk quota exceeded"), ErrorKind.QUOTA, "quota_exceeded", false);
    }

    @Test
    void permissionsAndReadOnlyFilesystemsAreForbidden() {
        assertMapped(new AccessDeniedException("/data/b/k"), ErrorKind.FORBIDDEN, "forbidden", false);
        assertMapped(new FileSystemException("/data/b/k", null, "Read-only file system"), ErrorKind.FORBIDDEN, "forbidden", false);
    }

    /** Anything else is the disk failing under us: unavailable, not retried (a retry would meet the same disk). */
    @Test
    void otherFailuresAreUnavailableAndNotRetried() {
        IOException exists = assertThrows(IOException.class, () -> Files.createDirectory(tmp));
        assertMapped(exists, ErrorKind.UNAVAILABLE, "backend_unavailable", false);
        assertMapped(new FileSystemException("/data/b/k", null, "Input/output error"), ErrorKind.UNAVAILABLE, "backend_unavailable", false);
        assertMapped(new IOException("Stale file handle"), ErrorKind.UNAVAILABLE, "backend_unavailable", false);
    }

    @Test
    void aFailingUploadStreamIsTheCallersIncompleteBody() {
        StorageException e = FsErrors.uploadFailed(new IOException("connection reset by peer"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("incomplete_body", e.code());
        assertFalse(e.retryable());
    }
}
