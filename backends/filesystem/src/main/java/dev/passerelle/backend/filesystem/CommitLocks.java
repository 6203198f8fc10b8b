package dev.passerelle.backend.filesystem;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the commit of writes and deletes per key, inside this JVM AND across processes sharing
 * the root: a key hashes to one of {@value #STRIPES} stripes; a stripe is a {@link ReentrantLock}
 * plus an exclusive OS lock on one byte of a lock file under the root's temporary directory. The
 * critical section is short (check conditions, rename, fsync the directory): data is streamed before.
 * OS locks (fcntl) are reliable on local filesystems; on NFS they depend on the server's lock support.
 */
final class CommitLocks {
    static final int STRIPES = 4096;

    private final Path lockFile;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Object channelGuard = new Object();
    private FileChannel channel;

    /** @param lockFile the lock file; created on first use, never holds data */
    CommitLocks(Path lockFile) {
        this.lockFile = lockFile;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** A held lock; close to release. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /**
     * Takes the lock of a key, waiting as long as needed.
     *
     * @return the held lock
     */
    Held lock(String container, String key) throws IOException {
        int stripe = Math.floorMod((container + "\u0000" + key).hashCode() * 0x9E3779B9, STRIPES);
        ReentrantLock local = stripes[stripe];
        local.lock();
        try {
            FileLock osLock = osLock(stripe);
            return () -> {
                try {
                    if (osLock.isValid()) {
                        osLock.release();
                    }
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    private FileLock osLock(int stripe) throws IOException {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = channel();
            try {
                return ch.lock(stripe, 1, false);
            } catch (ClosedChannelException e) {
                // an interrupted thread closes the channel for everybody: reopen it (once per caller)
                if (Thread.currentThread().isInterrupted() || attempt > 2) {
                    throw e;
                }
            }
        }
    }

    private FileChannel channel() throws IOException {
        synchronized (channelGuard) {
            if (channel == null || !channel.isOpen()) {
                Files.createDirectories(lockFile.getParent());
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            return channel;
        }
    }

    /** Closes the lock file. */
    void close() {
        synchronized (channelGuard) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing to release beyond the descriptor
                }
            }
        }
    }
}
