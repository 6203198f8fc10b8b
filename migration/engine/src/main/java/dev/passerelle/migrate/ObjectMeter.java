package dev.passerelle.migrate;

/**
 * The bytes one object moves, per {@link Progress.Phase}, forwarded to the run's {@link Progress} as
 * they move. One per object, used by the one worker that handles it.
 */
public final class ObjectMeter {
    private final Progress progress;
    private long copied;
    private long verified;

    /** @param progress where the bytes are reported as they move */
    public ObjectMeter(Progress progress) {
        this.progress = progress;
    }

    /** Bytes streamed into the destination (negative to undo a failed attempt). */
    public void copied(long delta) {
        copied += delta;
        progress.moved(Progress.Phase.COPY, delta);
    }

    /** Bytes read back to verify or compare (negative to undo a failed attempt). */
    public void verified(long delta) {
        verified += delta;
        progress.moved(Progress.Phase.VERIFY, delta);
    }

    /** Tells the progress that the object is finished, with what it moved. */
    public void finished(ObjectResult r) {
        progress.finished(r, copied, verified);
    }
}
