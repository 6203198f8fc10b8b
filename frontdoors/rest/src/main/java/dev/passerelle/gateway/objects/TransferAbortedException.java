package dev.passerelle.gateway.objects;

import java.io.IOException;

/** A download was cut on purpose (integrity failure, short backend read); already logged as INTEGRITY. */
public class TransferAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message why the transfer was cut */
    public TransferAbortedException(String message) {
        super(message);
    }
}
