package dev.passerelle.migrate;

/**
 * Progress of a run, as the engine reports it. Implementations draw a bar on a terminal, print
 * periodic lines, or stay silent. Every method is thread-safe and cheap.
 *
 * <p>Bytes are reported per {@link Phase}: {@code COPY} counts the bytes streamed from the source
 * into the destination, {@code VERIFY} the bytes read back to verify or compare (the destination
 * after a copy; both sides for {@code verify --deep} or a comparison by reading). When an object
 * finishes, {@link #finished} says how many bytes of each phase it moved, so a display can replace
 * them by the object's size: each phase's total (the listed source bytes) is then exact, whatever
 * was retried, skipped or read twice.
 */
public interface Progress extends AutoCloseable {

    /** What moved bytes are for. */
    enum Phase {
        /** Streamed from the source into the destination. */
        COPY,
        /** Read back to verify or compare. */
        VERIFY
    }

    /** A progress that shows nothing. */
    Progress NONE = new Progress() {
    };

    /**
     * One more object was found by the listing.
     *
     * @param sourceSize its size at the source, or 0 for an object only at the destination
     */
    default void discovered(long sourceSize) {
    }

    /** Bytes moved for a phase (negative to undo the bytes of a failed attempt). */
    default void moved(Phase phase, long delta) {
    }

    /**
     * One object is finished.
     *
     * @param result what happened
     * @param copied the bytes it moved in the COPY phase (net of undone attempts)
     * @param verified the bytes it moved in the VERIFY phase (net of undone attempts)
     */
    default void finished(ObjectResult result, long copied, long verified) {
    }

    /** The listing is complete: totals are final. */
    default void listingDone() {
    }

    /** Stops drawing. */
    @Override
    default void close() {
    }
}
