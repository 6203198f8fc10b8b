package dev.passerelle.migrate;

/**
 * A backend listed keys out of the order it declares. The run stops (exit 2) rather than
 * mis-compare the two sides; {@code --sort-listings} re-sorts every listing and copes with such hosts.
 */
public class ListOrderException extends UsageException {
    private static final long serialVersionUID = 1L;

    /** @param message which side, which keys, and the remedy */
    public ListOrderException(String message) {
        super(message);
    }
}
