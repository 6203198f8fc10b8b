package dev.passerelle.sovereign.crypto;

/**
 * Tells the audit layer that the call it just made read an object of envelope version 1, which is
 * not bound to its bucket and key (so a host could have swapped it with another one of the same
 * KEK): the audit line then says {@code "unbound":true}, and {@code passerelle-migrate rewrap}
 * upgrades such objects. The note travels on the calling thread: every layer between the audit
 * and the encryption decorator runs the call on the caller's thread.
 */
public final class UnboundReads {
    private static final ThreadLocal<Boolean> SEEN = new ThreadLocal<>();

    private UnboundReads() {
    }

    /** Records, for the current call, that an unbound envelope was read. */
    static void note() {
        SEEN.set(Boolean.TRUE);
    }

    /** Forgets any note left on this thread (call before the audited call). */
    public static void reset() {
        SEEN.remove();
    }

    /** @return whether an unbound envelope was read since {@link #reset()}; forgets the note */
    public static boolean take() {
        boolean seen = SEEN.get() != null;
        SEEN.remove();
        return seen;
    }
}
