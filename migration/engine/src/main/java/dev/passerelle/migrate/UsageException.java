package dev.passerelle.migrate;

/**
 * A mistake in what the operator asked for (a malformed location, a bad option value, a journal
 * that belongs to another migration). Always mapped to exit code 2, with its message as the one
 * line printed on stderr.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line saying what is wrong and, when possible, how to fix it */
    public UsageException(String message) {
        super(message);
    }

    /**
     * @param message one line saying what is wrong
     * @param cause the underlying failure
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
