package dev.passerelle.backend.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Walks a directory tree and yields object keys in listing order, lazily and in bounded memory.
 *
 * <p>Each directory level keeps at most {@code batch} upcoming children: a scan of the directory
 * keeps the {@code batch} smallest children after the last one consumed (a bounded heap), and the
 * directory is scanned again when they run out. Memory is {@code batch x depth} names whatever the
 * number of keys; time per page is proportional to the size of the directories on the path.
 *
 * <p>Children sort by their contribution to the key: an object by its last segment, a directory by
 * its segment followed by {@code /}. Sorting siblings that way and descending in order yields keys in
 * UTF-8 binary order, because no two siblings' key ranges interleave.
 */
final class KeyWalker {

    /** Interprets directory entries for a layout. */
    interface Naming {
        /**
         * @param dir the directory holding the entry
         * @param name the entry's file name
         * @return what the entry holds, or null when it is not an object or a key directory
         */
        Child child(Path dir, String name) throws IOException;
    }

    /**
     * One entry of a directory.
     *
     * @param sortKey the entry's contribution to keys: a last segment, or a directory segment plus {@code /}
     * @param dir whether it is a directory of further keys
     * @param path its path
     */
    record Child(String sortKey, boolean dir, Path path) {
    }

    /** An object found by the walk. */
    record Found(String key, Path path) {
    }

    private static final class Frame {
        final Path dir;
        final String keyPrefix;
        final Deque<Child> buffer = new ArrayDeque<>();
        String lastConsumed;
        boolean exhausted;

        Frame(Path dir, String keyPrefix) {
            this.dir = dir;
            this.keyPrefix = keyPrefix;
        }
    }

    private final Naming naming;
    private final Comparator<String> order;
    private final String prefix;
    private final String bound;
    private final int batch;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private String skipPrefix;

    /**
     * @param startDir the directory to start from (its keys all begin with {@code startKeyPrefix})
     * @param startKeyPrefix the key prefix of {@code startDir}: empty or ending with {@code /}
     * @param prefix only keys starting with this
     * @param bound only keys strictly after this (null: from the start)
     * @param batch how many children to keep per directory level
     */
    KeyWalker(Naming naming, Comparator<String> order, Path startDir, String startKeyPrefix, String prefix, String bound, int batch) {
        this.naming = naming;
        this.order = order;
        this.prefix = prefix;
        this.bound = bound;
        this.batch = Math.max(2, batch);
        stack.push(new Frame(startDir, startKeyPrefix));
    }

    /** From now on, skip every key starting with {@code p} (used to roll up a common prefix). */
    void skipPrefix(String p) {
        this.skipPrefix = p;
    }

    /** @return the next object in order, or null when there is none */
    Found next() throws IOException {
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (skipPrefix != null && f.keyPrefix.startsWith(skipPrefix)) {
                stack.pop();
                continue;
            }
            if (f.buffer.isEmpty()) {
                if (f.exhausted) {
                    stack.pop();
                } else {
                    refill(f);
                }
                continue;
            }
            Child c = f.buffer.poll();
            f.lastConsumed = c.sortKey();
            String full = f.keyPrefix + c.sortKey();
            if (!accept(full, c.dir())) {
                continue;
            }
            if (c.dir()) {
                stack.push(new Frame(c.path(), full));
            } else {
                return new Found(full, c.path());
            }
        }
        return null;
    }

    private boolean accept(String full, boolean dir) {
        if (dir ? !(full.startsWith(prefix) || prefix.startsWith(full)) : !full.startsWith(prefix)) {
            return false;
        }
        if (bound != null && order.compare(full, bound) <= 0 && !(dir && bound.startsWith(full))) {
            return false;
        }
        return skipPrefix == null || !full.startsWith(skipPrefix);
    }

    private void refill(Frame f) throws IOException {
        Comparator<Child> bySortKey = (a, b) -> order.compare(a.sortKey(), b.sortKey());
        PriorityQueue<Child> largestFirst = new PriorityQueue<>(bySortKey.reversed());
        int accepted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(f.dir)) {
            for (Path entry : entries) {
                Child c = naming.child(f.dir, entry.getFileName().toString());
                if (c == null || (f.lastConsumed != null && order.compare(c.sortKey(), f.lastConsumed) <= 0)
                        || !accept(f.keyPrefix + c.sortKey(), c.dir())) {
                    continue;
                }
                accepted++;
                largestFirst.add(c);
                if (largestFirst.size() > batch) {
                    largestFirst.poll();
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            // the directory was removed (last object deleted) or never existed: nothing in it
        }
        List<Child> sorted = new ArrayList<>(largestFirst);
        sorted.sort(bySortKey);
        f.buffer.addAll(sorted);
        f.exhausted = accepted <= batch;
    }
}
