package dev.passerelle.sovereign.audit;

import dev.passerelle.api.io.Hex;
import dev.passerelle.sovereign.config.OwnerOnlyFiles;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * An append-only, MAC-chained audit file (JSON Lines, see {@link AuditChain}). One writer per file:
 * the file is locked for this process. Appends are serialised; {@link #append(AuditRecord, boolean)}
 * with {@code sync} forces the file to disk before returning (writes and deletes do so before the
 * response). A new file is created readable by its owner only (0600, its directory 0700) and starts
 * with a {@code chain-start} line carrying the instance and a random seed; reopening an existing file
 * continues its chain from the last line. {@link #head()} is the checkpoint to keep off the host.
 */
public final class AuditLog implements Closeable {
    private static final int FIRST_LINE_LIMIT = 4096;

    private final Path file;
    private final AuditChain chain;
    private final FileChannel channel;
    private final FileLock lock;
    private final String instance;
    private final String seed;
    private String lastMac;
    private long lines;
    private long appended;

    private AuditLog(Path file, AuditChain chain, FileChannel channel, FileLock lock, String instance, String seed) {
        this.file = file;
        this.chain = chain;
        this.channel = channel;
        this.lock = lock;
        this.instance = instance;
        this.seed = seed;
    }

    /**
     * Opens (or creates) an audit file.
     *
     * @param file the file; its directory is created if needed
     * @param auditKey the institution-held audit key (at least 32 bytes)
     * @param instance the writing instance ({@code [A-Za-z0-9._-]+}), recorded in a new file's first line
     * @return the log
     * @throws IOException when the file cannot be opened, is locked by another process, or its last line is torn or has no MAC
     */
    public static AuditLog open(Path file, byte[] auditKey, String instance) throws IOException {
        if (!AuditChain.validInstance(instance)) {
            throw new IllegalArgumentException("the audit instance must match [A-Za-z0-9._-]{1,200}, got '" + instance + "'");
        }
        AuditChain chain = new AuditChain(auditKey);
        FileChannel ch = OwnerOnlyFiles.openForAppend(file);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IOException("audit file " + file + " is in use by another process (one file per gateway instance)");
            }
            String[] start = null;
            long count = 0;
            String lastMac = AuditChain.GENESIS;
            if (ch.size() > 0) {
                String last = lastLine(ch, file);
                lastMac = AuditChain.macOf(last);
                String[] firstAndCount = new String[1];
                count = countLines(ch, firstAndCount);
                start = AuditChain.startOf(firstAndCount[0]);
            }
            AuditLog log = new AuditLog(file, chain, ch, lock, start == null ? instance : start[0],
                    start == null ? (count == 0 ? newSeed() : null) : start[1]);
            log.lastMac = lastMac;
            log.lines = count;
            ch.position(ch.size());
            if (count == 0) {
                log.write(AuditChain.startBody(Instant.now(), instance, log.seed), true);
            }
            return log;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof OverlappingFileLockException) {
                throw new IOException("audit file " + file + " is already open in this process", e);
            }
            throw e;
        }
    }

    private static String newSeed() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Hex.encode(b);
    }

    /** @return the number of lines; {@code first[0]} receives the first line (at most {@value #FIRST_LINE_LIMIT} bytes of it) */
    private static long countLines(FileChannel ch, String[] first) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        boolean firstDone = false;
        long count = 0;
        long position = 0;
        int n;
        while ((n = ch.read(buf, position)) > 0) {
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    count++;
                    firstDone = true;
                } else if (!firstDone && head.size() < FIRST_LINE_LIMIT) {
                    head.write(a[i]);
                }
            }
            position += n;
            buf.clear();
        }
        first[0] = head.toString(StandardCharsets.UTF_8);
        return count;
    }

    private static String lastLine(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
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
        String mac = write(record.toJson(), sync);
        appended++;
        return mac;
    }

    private String write(String body, boolean sync) throws IOException {
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

    /** @return how many records this instance appended (the {@code chain-start} line not counted) */
    public synchronized long appended() {
        return appended;
    }

    /** @return the chain's head now: file, instance, seed, line count and last MAC */
    public synchronized AuditHead head() {
        return new AuditHead(file.toAbsolutePath().toString(), instance, seed, lines, lastMac);
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
