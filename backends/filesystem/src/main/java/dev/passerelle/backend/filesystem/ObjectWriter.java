package dev.passerelle.backend.filesystem;

import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.PutOutcome;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.api.io.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Writes objects: stream to a temporary file through a {@link VerifyingInputStream}, fsync, verify
 * (length, checksums) BEFORE the commit point, then under the key's {@link CommitLocks} lock check
 * the conditions, rename into place (the single commit point) and fsync the directory.
 */
final class ObjectWriter {
    private static final int BUFFER = 128 * 1024;
    private static final int COMMIT_ATTEMPTS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Layout layout;
    private final TempFiles temps;
    private final CommitLocks locks;
    private final long maxObjectSize;

    ObjectWriter(Layout layout, TempFiles temps, CommitLocks locks, long maxObjectSize) {
        this.layout = layout;
        this.temps = temps;
        this.locks = locks;
        this.maxObjectSize = maxObjectSize;
    }

    /** @return a new ETag: part of the SHA-256 and a random write id, so every write gets its own */
    static String newEtag(String sha256Hex) {
        byte[] writeId = new byte[8];
        RANDOM.nextBytes(writeId);
        return sha256Hex.substring(0, 16) + "-" + Hex.encode(writeId);
    }

    /** Streams, verifies and commits one put. */
    ObjectInfo put(String container, Path containerDir, String key, Path target, InputStream data, long length, PutOptions options) {
        Path temp = null;
        try {
            temp = temps.newPart();
            ObjectInfo written = writeTemp(temp, key, data, length, options);
            return commit(container, containerDir, key, target, temp, written, options.conditions(), options.outcome());
        } catch (IOException e) {
            throw FsErrors.map("write object", e).withLocation(container, key);
        } finally {
            if (temp != null) {
                TempFiles.deleteQuietly(temp);
            }
        }
    }

    private ObjectInfo writeTemp(Path temp, String key, InputStream data, long length, PutOptions options) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            VerifyingInputStream in = VerifyingInputStream.forPut(data, length, maxObjectSize, options);
            byte[] buf = new byte[BUFFER];
            ByteBuffer bb = ByteBuffer.wrap(buf);
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw FsErrors.uploadFailed(e);
                }
                if (n < 0) {
                    break;
                }
                bb.clear().limit(n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
            try {
                in.finish();
            } catch (IOException e) {
                throw FsErrors.uploadFailed(e);
            }
            ObjectInfo info = new ObjectInfo(key, in.count(), newEtag(in.sha256Hex()), options.contentType(), Instant.now(),
                    options.userMetadata(), in.checksums());
            layout.finishTemp(ch, info);
            ch.force(true);
            return info;
        }
    }

    /** Copies an open object's data into a new object (server-side copy: no stream through the caller). */
    ObjectInfo copy(Layout.Opened source, String container, Path containerDir, String key, Path target) {
        Path temp = null;
        try {
            temp = temps.newPart();
            ObjectInfo src = source.info();
            String sha = src.passerelleSha256().orElse(null);
            ObjectInfo info = new ObjectInfo(key, src.size(), sha != null ? newEtag(sha) : newEtag(Hex.encode(randomBytes())),
                    src.contentType(), Instant.now(), src.userMetadata(), src.checksums());
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long pos = 0;
                while (pos < src.size()) {
                    long n = source.channel().transferTo(pos, src.size() - pos, out);
                    if (n <= 0) {
                        throw new StorageException(ErrorKind.INTEGRITY, "source object ended early during copy");
                    }
                    pos += n;
                }
                layout.finishTemp(out, info);
                out.force(true);
            }
            return commit(container, containerDir, key, target, temp, info, Conditions.NONE, null);
        } catch (IOException e) {
            throw FsErrors.map("copy object", e).withLocation(container, key);
        } finally {
            if (temp != null) {
                TempFiles.deleteQuietly(temp);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    private ObjectInfo commit(String container, Path containerDir, String key, Path target, Path temp, ObjectInfo written,
                              Conditions conditions, PutOutcome outcome) throws IOException {
        try (CommitLocks.Held held = locks.lock(container, key)) {
            if (!conditions.isEmpty()) {
                conditions.checkWrite(current(containerDir, target, key));
            }
            // under the key's commit lock, so exactly one of concurrent creators sees the key free
            boolean created = !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
            for (int attempt = 1; ; attempt++) {
                try {
                    layout.createParents(containerDir, key);
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    break;
                } catch (NoSuchFileException e) {
                    // a concurrent delete pruned a parent directory between its creation and the rename
                    if (attempt >= COMMIT_ATTEMPTS) {
                        throw e;
                    }
                } catch (FileAlreadyExistsException | NotDirectoryException | DirectoryNotEmptyException e) {
                    throw conflict(container, key);
                } catch (FileSystemException e) {
                    if (e.getReason() != null && (e.getReason().contains("Is a directory") || e.getReason().contains("Not a directory"))) {
                        throw conflict(container, key);
                    }
                    throw e;
                }
            }
            TempFiles.fsyncDirectory(target.getParent());
            if (outcome != null) {
                outcome.committed(created);
            }
            return layout.committedInfo(written, target);
        }
    }

    private static StorageException conflict(String container, String key) {
        return new StorageException(ErrorKind.CONFLICT, "a file and a directory would share this path (the layout cannot hold both a key and keys under it)")
                .withLocation(container, key);
    }

    /** @return the object now stored under the key, or null */
    ObjectInfo current(Path containerDir, Path target, String key) throws IOException {
        try {
            Layout.Opened opened = layout.open(containerDir, target, key);
            opened.channel().close();
            return opened.info();
        } catch (IOException e) {
            if (FsErrors.isMissing(e)) {
                return null;
            }
            throw e;
        }
    }

    /** Deletes one object under its key's lock. */
    void delete(String container, Path containerDir, String key, Path target) {
        try (CommitLocks.Held held = locks.lock(container, key)) {
            if (current(containerDir, target, key) == null) {
                throw FsErrors.objectNotFound(container, key);
            }
            Files.delete(target);
            TempFiles.fsyncDirectory(target.getParent());
            layout.pruneEmptyParents(containerDir, target);
        } catch (IOException e) {
            if (FsErrors.isMissing(e)) {
                throw FsErrors.objectNotFound(container, key);
            }
            throw FsErrors.map("delete object", e).withLocation(container, key);
        }
    }
}
