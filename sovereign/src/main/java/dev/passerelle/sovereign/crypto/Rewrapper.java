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
 * object is reported failed and a rerun picks it up). Objects already under the current KEK in the
 * current envelope version are skipped, so a killed run simply resumes when started again. The
 * engine of {@code passerelle-migrate rewrap --bucket B:bucket}.
 *
 * <p>Objects of envelope version 1 (not bound to their bucket and key) are upgraded: decrypted and
 * re-encrypted, streaming, into a version-2 envelope bound to the logical bucket and the key, under a
 * fresh data key and the current KEK, with the plaintext SHA-256 of the old header checked on the way
 * (the plaintext only passes through this process's memory, chunk by chunk).
 */
public final class Rewrapper {
    private final BlobStore raw;
    private final KeyRing keys;
    private final String bucket;
    private EncryptingBlobStore upgrader;

    /**
     * @param raw the store UNDER the encryption decorator (the backend, possibly with retry): it
     *            must see ciphertext and envelope metadata
     * @param keys the KEKs: the objects' old KEKs (to unwrap) and the current one (to wrap)
     * @param bucket the logical bucket the objects belong to (their binding; not the host container)
     */
    public Rewrapper(BlobStore raw, KeyRing keys, String bucket) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
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
        long upgraded = 0;
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
                        case UPGRADED -> upgraded++;
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
        return new RewrapResult(examined, rewrapped, upgraded, current, plain, failed);
    }

    /** What happened to one object. */
    public enum Outcome {
        /** The data key was re-wrapped under the current KEK. */
        REWRAPPED,
        /** A version-1 (unbound) object was re-encrypted into a version-2 envelope under the current KEK. */
        UPGRADED,
        /** The object was already under the current KEK, in the current envelope version. */
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
        Conditions same = Conditions.ifMatch(head.etag());
        if (!envelope.bound()) {
            upgrade(container, key, same, ctx);
            return Outcome.UPGRADED;
        }
        if (envelope.kekId().equals(keys.currentId())) {
            return Outcome.ALREADY_CURRENT;
        }
        EnvelopeBinding binding = new EnvelopeBinding(bucket, key);
        byte[] dataKey = keys.unwrap(envelope.kekId(), envelope.wrappedKey(), binding);
        Envelope next;
        try {
            next = envelope.rewrapped(keys.currentId(), keys.wrap(keys.currentId(), dataKey, binding));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
        try (ObjectContent content = raw.get(container, key, new GetOptions(null, same, ctx))) {
            PutOptions options = PutOptions.builder().contentType(head.contentType()).userMetadata(next.toMetadata())
                    .conditions(same).context(ctx).build();
            raw.put(container, key, content.stream(), content.length(), options);
        }
        return Outcome.REWRAPPED;
    }

    /** Re-encrypts a version-1 object into a version-2 one, streaming, pinned to the version just examined. */
    private void upgrade(String container, String key, Conditions same, CallContext ctx) {
        if (upgrader == null) {
            upgrader = new EncryptingBlobStore(raw, keys, true, bucket);
        }
        try (ObjectContent old = upgrader.get(container, key, new GetOptions(null, same, ctx))) {
            ObjectInfo plain = old.info();
            PutOptions options = PutOptions.builder().contentType(plain.contentType()).userMetadata(plain.userMetadata())
                    .expectedSha256(plain.passerelleSha256().orElse(null)).conditions(same).context(ctx).build();
            upgrader.put(container, key, old.stream(), plain.size(), options);
        } finally {
            UnboundReads.reset();
        }
    }
}
