package dev.passerelle.migrate;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that holds resources (open files, spilled runs) until closed.
 *
 * @param <T> the element type
 */
public interface Cursor<T> extends Iterator<T>, AutoCloseable {

    /** Releases files and deletes temporary runs. Never throws a checked exception. */
    @Override
    void close();

    /** @return an empty cursor */
    static <T> Cursor<T> empty() {
        return of(java.util.Collections.emptyIterator(), () -> { });
    }

    /**
     * @param it the elements
     * @param onClose what closing does
     * @return a cursor over {@code it}
     */
    static <T> Cursor<T> of(Iterator<T> it, Runnable onClose) {
        return new Cursor<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
