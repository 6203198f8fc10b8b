package dev.passerelle.sovereign.crypto;

import java.util.List;
import java.util.Map;

/**
 * What a rewrap run did.
 *
 * @param examined objects listed
 * @param rewrapped objects whose data key is now wrapped under the current KEK
 * @param upgraded objects of envelope version 1 (unbound) re-encrypted into version 2 under the current KEK
 * @param alreadyCurrent objects already under the current KEK (skipped; this is what makes a rerun resume)
 * @param notEncrypted objects without an envelope (left alone)
 * @param failed key to reason, for objects that could not be rewrapped (e.g. their KEK is not configured)
 */
public record RewrapResult(long examined, long rewrapped, long upgraded, long alreadyCurrent, long notEncrypted, Map<String, String> failed) {

    /** Copies the failures. */
    public RewrapResult {
        failed = Map.copyOf(failed);
    }

    /** @return whether every encrypted object is now under the current KEK, in the current envelope version */
    public boolean complete() {
        return failed.isEmpty();
    }

    /** @return a one-line summary */
    public String summary() {
        return "examined " + examined + ", rewrapped " + rewrapped + ", upgraded " + upgraded + ", already current " + alreadyCurrent
                + ", not encrypted " + notEncrypted + ", failed " + failed.size() + (failed.isEmpty() ? "" : " " + List.copyOf(failed.keySet()));
    }
}
