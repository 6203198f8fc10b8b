package dev.passerelle.migrate;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.ListOrder;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Lists one side of a migration as {@link Entry entries} in the engine's COMMON key order, UTF-8
 * binary (= code point order), whatever order the backend lists in: a backend that already lists in
 * that order is streamed page by page (and checked: a key out of order stops the run with a
 * {@link ListOrderException} rather than being mis-compared); any other backend's listing, or every
 * listing with {@code --sort-listings}, goes through an {@link ExternalSorter}.
 * Pages are fetched lazily with retries, and keys outside the {@link KeyFilter} are dropped.
 */
public final class SortedListing {
    /** The engine's common key order. */
    public static final Comparator<String> ORDER = ListOrder.UTF8_BINARY.comparator();

    private final int chunkSize;
    private final Path spillRoot;
    private final boolean sortAll;

    /**
     * @param chunkSize the most entries held in memory when a listing must be re-sorted
     * @param spillRoot where sort runs are spilled
     * @param sortAll re-sort every listing, whatever order its backend declares
     */
    public SortedListing(int chunkSize, Path spillRoot, boolean sortAll) {
        this.chunkSize = chunkSize;
        this.spillRoot = spillRoot;
        this.sortAll = sortAll;
    }

    /**
     * Opens the listing of one side.
     *
     * @param endpoint the side
     * @param filter which relative keys to keep (the shard and globs)
     * @param mustExist whether a missing container is an error (false: it lists as empty)
     * @return the entries in UTF-8 binary order of their relative keys
     */
    public Cursor<Entry> open(Endpoint endpoint, KeyFilter filter, boolean mustExist) {
        if (!mustExist && !endpoint.store().containerExists(endpoint.container(), CallContext.system())) {
            return Cursor.empty();
        }
        Iterator<Entry> raw = new PagedEntries(endpoint, filter);
        if (endpoint.listOrder() == ListOrder.UTF8_BINARY && !sortAll) {
            return Cursor.of(new OrderChecked(raw, endpoint.location().toString()), () -> { });
        }
        return new ExternalSorter<>(Entry.CODEC, ORDER, chunkSize, spillRoot).sort(raw);
    }

    /** Fetches pages lazily, with retries, and keeps the entries the filter accepts. */
    private final class PagedEntries implements Iterator<Entry> {
        private final Endpoint endpoint;
        private final KeyFilter filter;
        private final Deque<Entry> buffer = new ArrayDeque<>();
        private String token;
        private boolean done;

        PagedEntries(Endpoint endpoint, KeyFilter filter) {
            this.endpoint = endpoint;
            this.filter = filter;
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && !done) {
                ListRequest req = ListRequest.prefix(endpoint.location().prefix()).withContinuationToken(token);
                ListPage page = endpoint.store().listPage(endpoint.container(), req);
                String prefix = endpoint.location().prefix();
                for (ObjectInfo o : page.objects()) {
                    if (!o.key().startsWith(prefix)) {
                        continue;
                    }
                    String rel = o.key().substring(prefix.length());
                    if (!rel.isEmpty() && filter.accepts(rel)) {
                        buffer.add(new Entry(rel, o.size(), o.etag(), o.passerelleSha256().orElse(null)));
                    }
                }
                token = page.nextContinuationToken();
                done = token == null;
            }
            return !buffer.isEmpty();
        }

        @Override
        public Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }
    }

    /** Passes entries through, failing if a key is not strictly after the previous one. */
    private static final class OrderChecked implements Iterator<Entry> {
        private final Iterator<Entry> in;
        private final String where;
        private String last;

        OrderChecked(Iterator<Entry> in, String where) {
            this.in = in;
            this.where = where;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public Entry next() {
            Entry e = in.next();
            if (last != null && ORDER.compare(last, e.key()) >= 0) {
                throw new ListOrderException(where + " listed '" + e.key() + "' after '" + last
                        + "', out of the UTF-8 binary order its backend declares (a host quirk): run again with --sort-listings");
            }
            last = e.key();
            return e;
        }
    }
}
