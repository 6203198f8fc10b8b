package dev.passerelle.migrate;

import dev.passerelle.api.spi.support.ExactLengthInputStream;

import java.io.BufferedReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The copy journal: an append-only text file recording each object that finished (copied and
 * verified), made durable in batches ({@code fsync} every {@link #BATCH} records and at least every
 * second, and at close), written and synced by the journal's own thread so workers never wait on the disk. A run killed at any moment loses at most the last unsynced batch; those
 * objects are then recognised at the destination by size and Passerelle's SHA-256.
 *
 * <p>Format: a header line {@code # passerelle-migrate journal v1 <identity>}, then one line per
 * object: {@code sha256 TAB size TAB sourceEtag TAB destinationEtag TAB key}, fields
 * percent-escaped ({@code %}, TAB, CR, LF). A torn last line (killed mid-write, no newline) is cut
 * off before the journal is read or appended to.
 */
public final class Journal implements AutoCloseable {
    /** Records per durable batch. */
    public static final int BATCH = 64;
    private static final String HEADER = "# passerelle-migrate journal v1 ";

    /**
     * One finished object.
     *
     * @param key the key relative to the source prefix
     * @param size its size
     * @param sha256 the SHA-256 of its bytes
     * @param sourceEtag the source's ETag when it was read
     * @param destinationEtag the destination's ETag after it was written
     */
    public record Record(String key, long size, String sha256, String sourceEtag, String destinationEtag) {
        /** Serialises records for spilled sort runs. */
        public static final ExternalSorter.Codec<Record> CODEC = new ExternalSorter.Codec<>() {
            @Override
            public void write(DataOutput out, Record r) throws IOException {
                out.writeUTF(r.key);
                out.writeLong(r.size);
                out.writeUTF(r.sha256);
                out.writeUTF(r.sourceEtag);
                out.writeUTF(r.destinationEtag);
            }

            @Override
            public Record read(DataInput in) throws IOException {
                return new Record(in.readUTF(), in.readLong(), in.readUTF(), in.readUTF(), in.readUTF());
            }

            @Override
            public String key(Record r) {
                return r.key;
            }
        };
    }

    private final FileChannel channel;
    private final List<Record> pending = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.atomic.AtomicBoolean syncRequested = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<UncheckedIOException> failure = new java.util.concurrent.atomic.AtomicReference<>();

    private Journal(FileChannel channel) {
        this.channel = channel;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "journal-sync");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens (creating if needed) a journal for appending.
     *
     * @param file the journal file
     * @param identity what migration it belongs to (source, destination, shard)
     * @return the open journal
     * @throws UsageException when the file belongs to another migration
     */
    public static Journal openForAppend(Path file, String identity) {
        try {
            checkIdentity(file, identity);
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (fresh) {
                ch.write(ByteBuffer.wrap((HEADER + identity + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            } else {
                dropTornTail(file);
            }
            return new Journal(ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws UsageException when an existing journal names another migration
     */
    public static void checkIdentity(Path file, String identity) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null || !first.startsWith(HEADER)) {
                throw new UsageException("--journal " + file + " is not a passerelle-migrate journal");
            }
            String found = first.substring(HEADER.length());
            if (!found.equals(identity)) {
                throw new UsageException("--journal " + file + " belongs to another migration (" + found + "), not " + identity);
            }
        }
    }

    /**
     * Cuts a last line that a kill left without its newline (it may hold a truncated key), so only
     * complete records are ever read or appended after.
     */
    static void dropTornTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long keep = completeLength(ch);
            if (keep < ch.size()) {
                ch.truncate(keep);
                ch.force(true);
            }
        }
    }

    /** @return the length of a journal's complete lines (up to and including its last newline) */
    private static long completeLength(FileChannel ch) throws IOException {
        long keep = ch.size();
        ByteBuffer b = ByteBuffer.allocate(1);
        while (keep > 0) {
            b.clear();
            ch.read(b, keep - 1);
            if (b.get(0) == '\n') {
                break;
            }
            keep--;
        }
        return keep;
    }

    /**
     * Records a finished object; it becomes durable with the next batch. The write and the fsync run on
     * the journal's own sync thread (a full batch wakes it at once), never on the calling worker.
     *
     * @throws UncheckedIOException when an earlier batch could not be written (the journal is broken)
     */
    public void record(Record r) {
        UncheckedIOException broken = failure.get();
        if (broken != null) {
            throw new UncheckedIOException("the journal could not be written: " + broken.getMessage(), broken.getCause());
        }
        boolean full;
        synchronized (pending) {
            pending.add(r);
            full = pending.size() >= BATCH;
        }
        if (full && syncRequested.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    syncRequested.set(false);
                    flushQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                syncRequested.set(false);
                // closing: close() flushes what is pending
            }
        }
    }

    /** Writes and syncs what is pending. */
    public void flush() {
        synchronized (channel) {
            List<Record> batch;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            StringBuilder sb = new StringBuilder();
            for (Record r : batch) {
                sb.append(escape(r.sha256)).append('\t').append(r.size).append('\t').append(escape(r.sourceEtag)).append('\t')
                        .append(escape(r.destinationEtag)).append('\t').append(escape(r.key)).append('\n');
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (UncheckedIOException e) {
            // the next record() and close() report it
            failure.compareAndSet(null, e);
        } catch (RuntimeException ignored) {
            // close() flushes again and reports
        }
    }

    /** Flushes, syncs and closes. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        flush();
        UncheckedIOException broken = failure.get();
        if (broken != null) {
            throw broken;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a journal's records sorted by key in the engine's common order (bounded memory).
     *
     * @param file the journal (a missing file reads as empty)
     * @param sorter sorts the records
     * @param repair cut a torn last line off the file (a copy, which appends next); false reads only
     *               the complete lines and changes nothing (plan, dry-run)
     * @return the records; close it
     */
    public static Cursor<Record> readSorted(Path file, ExternalSorter<Record> sorter, boolean repair) {
        if (!Files.exists(file)) {
            return Cursor.empty();
        }
        try {
            InputStream in;
            if (repair) {
                dropTornTail(file);
                in = Files.newInputStream(file);
            } else {
                long complete;
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    complete = completeLength(ch);
                }
                // only the complete lines; the journal only grows, so they are all there to read
                in = new ExactLengthInputStream(Files.newInputStream(file), 0, complete);
            }
            BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            try (reader) {
                return sorter.sort(new LineRecords(reader));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class LineRecords implements Iterator<Record> {
        private final BufferedReader reader;
        private Record next;

        LineRecords(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    String line = reader.readLine();
                    if (line == null) {
                        return false;
                    }
                    next = parse(line);
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Record next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Record r = next;
            next = null;
            return r;
        }
    }

    /** @return the record of a line, or null for the header or a torn/malformed line */
    static Record parse(String line) {
        if (line.startsWith("#")) {
            return null;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 5 || f[0].length() != 64 || f[4].isEmpty()) {
            return null;
        }
        try {
            return new Record(unescape(f[4]), Long.parseLong(f[1]), unescape(f[0]), unescape(f[2]), unescape(f[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> sb.append("%25");
                case '\t' -> sb.append("%09");
                case '\n' -> sb.append("%0A");
                case '\r' -> sb.append("%0D");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("torn escape");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
