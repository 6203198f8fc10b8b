package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Re-wraps every data key of a container under the key ring's current KEK, without decrypting or
 * re-encrypting any content: the wrapped key lives in the object's metadata, and the contract has no
 * metadata-only update, so each object's ciphertext is streamed once from the host back to the host
 * with the new metadata, guarded by If-Match on the ETag just read (a concurrent write wins; the
 * object is reported failed and a rerun picks it up). Objects already under the current KEK are
 * skipped, so a killed run simply resumes when started again. The engine of
 * {@code passerelle-migrate rewrap --bucket B:bucket}.
 */
public final class Rewrapper {
    private final BlobStore raw;
    private final KeyRing keys;

    /**
     * @param raw the store UNDER the encryption decorator (the backend, possibly with retry): it
     *            must see ciphertext and envelope metadata
     * @param keys the KEKs: the objects' old KEKs (to unwrap) and the current one (to wrap)
     */
    public Rewrapper(BlobStore raw, KeyRing keys) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Rewraps a whole container.
     *
     * @param container the container
     * @param progress called with each key once it is handled (may be a no-op)
     * @return what was done
     */
    public RewrapResult rewrap(String container, Consumer<String> progress) {
        long examined = 0;
        long rewrapped = 0;
        long current = 0;
        long plain = 0;
        Map<String, String> failed = new LinkedHashMap<>();
        CallContext ctx = CallContext.of("rewrap");
        for (ListPage page : raw.list(container, ListRequest.all().withContext(ctx))) {
            for (ObjectInfo listed : page.objects()) {
                examined++;
                try {
                    switch (rewrapOne(container, listed.key(), ctx)) {
                        case REWRAPPED -> rewrapped++;
                        case ALREADY_CURRENT -> current++;
                        case NOT_ENCRYPTED -> plain++;
                        default -> throw new IllegalStateException();
                    }
                } catch (StorageException e) {
                    failed.put(listed.key(), e.getMessage());
                }
                progress.accept(listed.key());
            }
        }
        return new RewrapResult(examined, rewrapped, current, plain, failed);
    }

    /** What happened to one object. */
    public enum Outcome {
        /** The data key was re-wrapped under the current KEK. */
        REWRAPPED,
        /** The object was already under the current KEK. */
        ALREADY_CURRENT,
        /** The object has no envelope. */
        NOT_ENCRYPTED
    }

    /**
     * Rewraps one object.
     *
     * @return what happened
     * @throws StorageException e.g. INTERNAL {@code kek_missing}, INTEGRITY, PRECONDITION_FAILED (changed meanwhile)
     */
    public Outcome rewrapOne(String container, String key, CallContext ctx) {
        ObjectInfo head = raw.head(container, key, GetOptions.of(ctx));
        Envelope envelope = Envelope.parse(head.userMetadata()).orElse(null);
        if (envelope == null) {
            return Outcome.NOT_ENCRYPTED;
        }
        if (envelope.kekId().equals(keys.currentId())) {
            return Outcome.ALREADY_CURRENT;
        }
        byte[] dataKey = keys.unwrap(envelope.kekId(), envelope.wrappedKey());
        Envelope next;
        try {
            next = envelope.rewrapped(keys.currentId(), keys.wrap(dataKey));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
        Conditions same = Conditions.ifMatch(head.etag());
        try (ObjectContent content = raw.get(container, key, new GetOptions(null, same, ctx))) {
            PutOptions options = PutOptions.builder().contentType(head.contentType()).userMetadata(next.toMetadata())
                    .conditions(same).context(ctx).build();
            raw.put(container, key, content.stream(), content.length(), options);
        }
        return Outcome.REWRAPPED;
    }
}
