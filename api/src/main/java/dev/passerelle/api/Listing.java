package dev.passerelle.api;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily paged listing: each page is fetched only when iteration reaches it, so a container of
 * millions of keys lists in constant memory. Iterate it once per call to {@link #iterator()}.
 */
public final class Listing implements Iterable<ListPage> {
    private final BlobStore store;
    private final String container;
    private final ListRequest request;

    /**
     * @param store the store to ask for pages (through {@link BlobStore#listPage})
     * @param container the container to list
     * @param request the first request; its continuation token, if any, is where listing starts
     */
    public Listing(BlobStore store, String container, ListRequest request) {
        this.store = store;
        this.container = container;
        this.request = request;
    }

    /** @return an iterator that fetches one page per {@code next()} */
    @Override
    public Iterator<ListPage> iterator() {
        return new Iterator<>() {
            private ListRequest nextRequest = request;

            @Override
            public boolean hasNext() {
                return nextRequest != null;
            }

            @Override
            public ListPage next() {
                if (nextRequest == null) {
                    throw new NoSuchElementException();
                }
                ListPage page = store.listPage(container, nextRequest);
                nextRequest = page.hasNext() ? nextRequest.withContinuationToken(page.nextContinuationToken()) : null;
                return page;
            }
        };
    }

    /** @return the pages as a lazy sequential stream */
    public Stream<ListPage> pages() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** @return every object across all pages, lazily (common prefixes are left out) */
    public Stream<ObjectInfo> objects() {
        return pages().flatMap(p -> p.objects().stream());
    }
}
