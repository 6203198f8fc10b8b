package dev.passerelle.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Joins the sorted source listing, the sorted destination listing and the sorted journal into one
 * sequence of {@link Pair pairs}, one per key present on either side, in the common key order. Each
 * input is consumed once; memory holds one element per input (plus the journal records of one key).
 */
public final class MergeJoin implements Iterator<MergeJoin.Pair> {

    /**
     * One key and what each input knows of it.
     *
     * @param key the relative key
     * @param source the source entry, or null when only at the destination
     * @param destination the destination entry, or null when only at the source
     * @param journal the journal's records of this key (usually zero or one)
     */
    public record Pair(String key, Entry source, Entry destination, List<Journal.Record> journal) {
    }

    private static final Comparator<String> ORDER = SortedListing.ORDER;

    private final PeekingIterator<Entry> source;
    private final PeekingIterator<Entry> destination;
    private final PeekingIterator<Journal.Record> journal;

    /**
     * @param source source entries in common order
     * @param destination destination entries in common order
     * @param journal journal records in common order
     */
    public MergeJoin(Iterator<Entry> source, Iterator<Entry> destination, Iterator<Journal.Record> journal) {
        this.source = new PeekingIterator<>(source);
        this.destination = new PeekingIterator<>(destination);
        this.journal = new PeekingIterator<>(journal);
    }

    @Override
    public boolean hasNext() {
        return source.hasNext() || destination.hasNext();
    }

    @Override
    public Pair next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String key;
        if (!source.hasNext()) {
            key = destination.peek().key();
        } else if (!destination.hasNext()) {
            key = source.peek().key();
        } else {
            String a = source.peek().key();
            String b = destination.peek().key();
            key = ORDER.compare(a, b) <= 0 ? a : b;
        }
        Entry s = source.hasNext() && source.peek().key().equals(key) ? source.next() : null;
        Entry d = destination.hasNext() && destination.peek().key().equals(key) ? destination.next() : null;
        List<Journal.Record> records = List.of();
        while (journal.hasNext() && ORDER.compare(journal.peek().key(), key) < 0) {
            journal.next();
        }
        while (journal.hasNext() && journal.peek().key().equals(key)) {
            if (records.isEmpty()) {
                records = new ArrayList<>(1);
            }
            records.add(journal.next());
        }
        return new Pair(key, s, d, records);
    }

    /** An iterator that can look at its next element without taking it. */
    private static final class PeekingIterator<T> {
        private final Iterator<T> in;
        private T head;

        PeekingIterator(Iterator<T> in) {
            this.in = in;
        }

        boolean hasNext() {
            return head != null || in.hasNext();
        }

        T peek() {
            if (head == null) {
                head = in.next();
            }
            return head;
        }

        T next() {
            T v = peek();
            head = null;
            return v;
        }
    }
}
