package dev.passerelle.sovereign.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only, MAC-chained audit file (JSON Lines, see {@link AuditChain}). One writer per file:
 * the file is locked for this process. Appends are serialised; {@link #append(AuditRecord, boolean)}
 * with {@code sync} forces the file to disk before returning (writes and deletes do so before the
 * response). Reopening an existing file continues its chain from the last line.
 */
public final class AuditLog implements Closeable {
    private final Path file;
    private final AuditChain chain;
    private final FileChannel channel;
    private final FileLock lock;
    private String lastMac;
    private long lines;

    private AuditLog(Path file, AuditChain chain, FileChannel channel, FileLock lock, String lastMac) {
        this.file = file;
        this.chain = chain;
        this.channel = channel;
        this.lock = lock;
        this.lastMac = lastMac;
    }

    /**
     * Opens (or creates) an audit file.
     *
     * @param file the file; its directory is created if needed
     * @param auditKey the institution-held audit key (at least 32 bytes)
     * @return the log
     * @throws IOException when the file cannot be opened, is locked by another process, or its last line is torn or has no MAC
     */
    public static AuditLog open(Path file, byte[] auditKey) throws IOException {
        AuditChain chain = new AuditChain(auditKey);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IOException("audit file " + file + " is in use by another process (one file per gateway instance)");
            }
            String last = lastLine(ch, file);
            AuditLog log = new AuditLog(file, chain, ch, lock, last == null ? AuditChain.GENESIS : AuditChain.macOf(last));
            ch.position(ch.size());
            return log;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof OverlappingFileLockException) {
                throw new IOException("audit file " + file + " is already open in this process", e);
            }
            throw e;
        }
    }

    private static String lastLine(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return null;
        }
        if (readByte(ch, size - 1) != '\n') {
            throw new IOException("audit file " + file + " ends with an incomplete line (a crash during a write?): "
                    + "check it with audit-verify and move it aside before starting");
        }
        long start = size - 1;
        while (start > 0 && readByte(ch, start - 1) != '\n') {
            start--;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (size - 1 - start));
        while (buf.hasRemaining()) {
            if (ch.read(buf, start + buf.position()) < 0) {
                break;
            }
        }
        String line = new String(buf.array(), StandardCharsets.UTF_8);
        if (!AuditChain.hasMac(line)) {
            throw new IOException("the last line of audit file " + file + " carries no MAC: check it with audit-verify");
        }
        return line;
    }

    private static byte readByte(FileChannel ch, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, position);
        return b.get(0);
    }

    /**
     * Appends one record, chained to the previous line.
     *
     * @param record the access
     * @param sync whether to force the line to disk before returning
     * @return the line's MAC
     * @throws IOException when the line cannot be written (the caller must then fail the request)
     */
    public synchronized String append(AuditRecord record, boolean sync) throws IOException {
        String body = record.toJson();
        String mac = chain.mac(lastMac, body);
        ByteBuffer buf = ByteBuffer.wrap((AuditChain.line(body, mac) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (sync) {
            channel.force(false);
        }
        lastMac = mac;
        lines++;
        return mac;
    }

    /** @return the MAC of the last line written (a checkpoint to export) */
    public synchronized String lastMac() {
        return lastMac;
    }

    /** @return how many lines this instance appended */
    public synchronized long appended() {
        return lines;
    }

    /** @return the audit file */
    public Path file() {
        return file;
    }

    /** Forces pending lines to disk, releases the lock and closes the file. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.force(false);
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
