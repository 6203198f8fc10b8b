package dev.passerelle.migrate;

/**
 * Progress of a run, as the engine reports it. Implementations draw a bar on a terminal, print
 * periodic lines, or stay silent. Every method is thread-safe and cheap.
 */
public interface Progress extends AutoCloseable {

    /** A progress that shows nothing. */
    Progress NONE = new Progress() {
    };

    /** One more object to handle, of this size, was found by the listing. */
    default void discovered(long size) {
    }

    /** Bytes moved (negative to undo the bytes of a failed attempt). */
    default void bytes(long delta) {
    }

    /** One object is finished. */
    default void finished(ObjectResult result) {
    }

    /** The listing is complete: totals are final. */
    default void listingDone() {
    }

    /** Stops drawing. */
    @Override
    default void close() {
    }
}
