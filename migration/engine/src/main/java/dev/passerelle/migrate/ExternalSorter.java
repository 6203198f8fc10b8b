package dev.passerelle.migrate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts a stream of any length with bounded memory: at most {@code chunkSize} elements are held at
 * once; larger inputs are spilled as sorted runs into a private directory and merged back (in
 * several passes when there are more than {@link #FAN_IN} runs). Used to bring two listings, or a
 * journal, into one common key order (see docs/adr/0009-listing-order-and-external-sort.md).
 *
 * @param <T> the element type
 */
public final class ExternalSorter<T> {
    /** The most runs merged at once (bounds open files). */
    public static final int FAN_IN = 64;

    /**
     * How elements are written to and read from a spilled run.
     *
     * @param <T> the element type
     */
    public interface Codec<T> {
        /** Writes one element. */
        void write(DataOutput out, T value) throws IOException;

        /** Reads one element; throws {@link EOFException} at the end of a run. */
        T read(DataInput in) throws IOException;

        /** @return the element's sort key */
        String key(T value);
    }

    private final Codec<T> codec;
    private final Comparator<String> order;
    private final int chunkSize;
    private final Path spillRoot;

    /**
     * @param codec how elements are spilled
     * @param order the key order to sort into
     * @param chunkSize the most elements held in memory
     * @param spillRoot where a private spill directory is created (only when the input is larger than one chunk)
     */
    public ExternalSorter(Codec<T> codec, Comparator<String> order, int chunkSize, Path spillRoot) {
        this.codec = codec;
        this.order = order;
        this.chunkSize = Math.max(2, chunkSize);
        this.spillRoot = spillRoot;
    }

    /**
     * Consumes {@code input} entirely (spilling as needed) and returns its elements in order.
     * Elements with equal keys keep no particular order.
     *
     * @param input the unsorted elements
     * @return the sorted elements; close it to delete the spilled runs
     */
    public Cursor<T> sort(Iterator<T> input) {
        Comparator<T> cmp = (a, b) -> order.compare(codec.key(a), codec.key(b));
        List<T> chunk = new ArrayList<>();
        List<Path> runs = new ArrayList<>();
        Path dir = null;
        try {
            while (input.hasNext()) {
                chunk.add(input.next());
                if (chunk.size() >= chunkSize) {
                    if (dir == null) {
                        Files.createDirectories(spillRoot);
                        dir = Files.createTempDirectory(spillRoot, "sort-");
                    }
                    chunk.sort(cmp);
                    runs.add(writeRun(dir, chunk));
                    chunk.clear();
                }
            }
            chunk.sort(cmp);
            if (runs.isEmpty()) {
                return Cursor.of(chunk.iterator(), () -> { });
            }
            if (!chunk.isEmpty()) {
                runs.add(writeRun(dir, chunk));
                chunk.clear();
            }
            while (runs.size() > FAN_IN) {
                List<Path> next = new ArrayList<>();
                for (int i = 0; i < runs.size(); i += FAN_IN) {
                    List<Path> group = runs.subList(i, Math.min(runs.size(), i + FAN_IN));
                    try (Cursor<T> merged = merge(group, cmp, () -> { })) {
                        next.add(writeRun(dir, merged));
                    }
                    for (Path p : group) {
                        Files.deleteIfExists(p);
                    }
                }
                runs = next;
            }
            Path spill = dir;
            return merge(runs, cmp, () -> deleteTree(spill));
        } catch (IOException e) {
            deleteTree(dir);
            throw new UncheckedIOException("cannot spill a sort run under " + spillRoot + ": " + e.getMessage(), e);
        }
    }

    private Path writeRun(Path dir, Iterable<T> values) throws IOException {
        return writeRun(dir, values.iterator());
    }

    private Path writeRun(Path dir, Iterator<T> values) throws IOException {
        Path run = Files.createTempFile(dir, "run-", ".bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            while (values.hasNext()) {
                codec.write(out, values.next());
            }
        }
        return run;
    }

    private Cursor<T> merge(List<Path> runs, Comparator<T> cmp, Runnable cleanup) throws IOException {
        List<DataInputStream> inputs = new ArrayList<>();
        PriorityQueue<Head<T>> heap = new PriorityQueue<>((a, b) -> cmp.compare(a.value, b.value));
        for (Path run : runs) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
            inputs.add(in);
            T first = readOrNull(in);
            if (first != null) {
                heap.add(new Head<>(first, in));
            }
        }
        Runnable close = () -> {
            for (DataInputStream in : inputs) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing a read-only temporary file
                }
            }
            cleanup.run();
        };
        Iterator<T> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heap.isEmpty();
            }

            @Override
            public T next() {
                Head<T> h = heap.poll();
                if (h == null) {
                    throw new NoSuchElementException();
                }
                try {
                    T following = readOrNull(h.in);
                    if (following != null) {
                        heap.add(new Head<>(following, h.in));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return h.value;
            }
        };
        return Cursor.of(it, close);
    }

    private T readOrNull(DataInputStream in) throws IOException {
        try {
            return codec.read(in);
        } catch (EOFException e) {
            return null;
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort: a left-over spill directory is harmless and named sort-*
        }
    }

    private record Head<T>(T value, DataInputStream in) {
    }
}
