package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Capabilities;
import dev.passerelle.api.Conditions;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.Names;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.ReplacedObjectReads;
import dev.passerelle.api.ResolvedRange;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Client-side envelope encryption (format version 2, see {@link EnvelopeFormat}): every put gets a
 * fresh data key, wrapped under the key ring's current KEK; the host stores ciphertext plus the
 * three {@link Envelope} metadata entries and nothing else. Clients keep plaintext semantics: size,
 * ranges, conditional reads (on the host's ETag), content type, user metadata and the SHA-256/MD5 of
 * the plaintext.
 *
 * <p>Every object is bound to its LOGICAL bucket (given at construction: the name clients use, not
 * the host container the calls name) and its key ({@link EnvelopeBinding}): an object moved, swapped
 * or copied at the host to another key or bucket fails authentication (INTEGRITY). Objects of
 * version 1 (unbound) are still read, and noted for the audit ({@link UnboundReads}). For the same
 * reason there is no server-side copy: a copy would carry the source's binding.
 *
 * <p>A read costs two host calls: the 4 KiB header record at the end (which also evaluates the
 * caller's conditions), then only the chunks the range needs, pinned to the same version with
 * If-Match. When {@code required} is set, an object without a valid envelope is refused (INTEGRITY);
 * otherwise it is served as stored (a transition from unencrypted data).
 */
public final class EncryptingBlobStore extends ForwardingBlobStore {
    /** Objects from this size (or of unknown size) are encrypted on a second thread, overlapping with the backend's work. */
    private static final long PIPELINE_THRESHOLD = 1 << 20;

    private final KeyRing keys;
    private final boolean required;
    private final String bucket;

    /**
     * @param delegate the store holding ciphertext; it must support ranged reads
     * @param keys the KEKs; new objects are wrapped under {@link KeyRing#currentId()}
     * @param required whether objects without a valid envelope are refused on read
     * @param bucket the logical bucket every object of this store is bound to (whatever container the calls name)
     * @throws StorageException UNSUPPORTED when the delegate cannot read ranges
     */
    public EncryptingBlobStore(BlobStore delegate, KeyRing keys, boolean required, String bucket) {
        super(delegate);
        this.keys = Objects.requireNonNull(keys, "keys");
        this.required = required;
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        if (!delegate.capabilities().rangedReads()) {
            throw new StorageException(ErrorKind.UNSUPPORTED, "encryption needs a backend with ranged reads");
        }
    }

    /** @return whether objects without an envelope are refused */
    public boolean required() {
        return required;
    }

    /**
     * Host MD5s are of the ciphertext, so they are masked; the largest object shrinks by the envelope
     * overhead; no server-side copy (the copy would stay bound to its source key).
     */
    @Override
    public Capabilities capabilities() {
        Capabilities c = delegate().capabilities();
        long max = c.maxObjectSize() - EnvelopeFormat.FIXED_OVERHEAD - (c.maxObjectSize() / EnvelopeFormat.CIPHER_CHUNK_SIZE + 1) * EnvelopeFormat.TAG_LENGTH;
        // the expected checksums a caller gives are of the plaintext: they never reach the backend's put
        // user metadata travels in the encrypted header, not in the host's metadata: the header's budget is the one
        return c.toBuilder().serverSideCopy(false).nativeMd5(false).storesChecksums(true).maxObjectSize(Math.max(0, max))
                .maxUserMetadataBytes(Math.min(Names.MAX_METADATA_BYTES, EnvelopeHeader.USER_METADATA_BUDGET))
                .upFrontChecksumsFrom(Long.MAX_VALUE).build();
    }

    /** Encrypts the stream into a version-2 envelope, bound to this store's bucket and the key, under a fresh data key, and stores it. */
    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        Names.validate(container, key);
        Names.validateMetadata(options.userMetadata());
        VerifyingInputStream plain = VerifyingInputStream.forPut(data, length, capabilities().maxObjectSize(), options);
        byte[] dataKey = ChunkCipher.newDataKey();
        Envelope envelope;
        ChunkCipher cipher;
        try {
            EnvelopeBinding binding = new EnvelopeBinding(bucket, key);
            envelope = new Envelope(EnvelopeFormat.VERSION, keys.currentId(), keys.wrap(keys.currentId(), dataKey, binding));
            cipher = new ChunkCipher(dataKey, EnvelopeFormat.VERSION, binding);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
        EncryptingInputStream sealed = new EncryptingInputStream(plain, cipher, options.contentType(), options.userMetadata());
        PutOptions host = PutOptions.builder().contentType(Envelope.HOST_CONTENT_TYPE).userMetadata(envelope.toMetadata())
                .conditions(options.conditions()).context(options.context()).outcome(options.outcome()).build();
        long storedLength = length < 0 ? -1 : EnvelopeFormat.ciphertextLength(length);
        if (length >= 0 && length < PIPELINE_THRESHOLD) {
            return Envelope.plainInfo(delegate().put(container, key, sealed, storedLength, host), sealed.header());
        }
        try (PipelinedInputStream ahead = new PipelinedInputStream(sealed, EnvelopeFormat.CIPHER_CHUNK_SIZE, 8, "passerelle-encrypt")) {
            return Envelope.plainInfo(delegate().put(container, key, ahead, storedLength, host), sealed.header());
        } catch (IOException e) {
            throw new StorageException(ErrorKind.INTERNAL, "stopping the encryption thread failed", e);
        }
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        // the envelope's properties, then its bytes pinned to their ETag: read again if replaced between the two
        return ReplacedObjectReads.read(() -> {
            Opened o = open(container, key, options.conditions(), options.context());
            if (o.plainObject) {
                return Optional.of(delegate().get(container, key, options.withConditions(pinned(options.conditions(), o.host.etag()))));
            }
            try {
                return Optional.of(decrypt(container, key, options, o));
            } catch (StorageException e) {
                if (e.kind() != ErrorKind.PRECONDITION_FAILED) {
                    throw e;
                }
                return Optional.empty();
            }
        });
    }

    private ObjectContent decrypt(String container, String key, GetOptions options, Opened o) {
        long size = o.info.size();
        Conditions pin = pinned(Conditions.NONE, o.host.etag());
        long headerStart = o.host.size() - EnvelopeFormat.HEADER_CIPHER_LENGTH;
        if (options.range() == null) {
            ObjectContent c = delegate().get(container, key, new GetOptions(ByteRange.of(0, headerStart - 1), pin, options.context()));
            long chunks = EnvelopeFormat.chunkCount(size);
            return new ObjectContent(o.info, null, new DecryptingInputStream(c.stream(), o.cipher, size, true, 0, chunks, 0, size));
        }
        ResolvedRange r = options.range().resolve(size);
        long first = r.first() / EnvelopeFormat.CHUNK_SIZE;
        long last = r.last() / EnvelopeFormat.CHUNK_SIZE;
        long from = EnvelopeFormat.chunkOffset(first);
        long to = EnvelopeFormat.chunkOffset(last) + EnvelopeFormat.plainChunkLength(last, size) + EnvelopeFormat.TAG_LENGTH - 1;
        ObjectContent c = delegate().get(container, key, new GetOptions(ByteRange.of(from, to), pin, options.context()));
        long skip = r.first() - first * EnvelopeFormat.CHUNK_SIZE;
        return new ObjectContent(o.info, r, new DecryptingInputStream(c.stream(), o.cipher, size, false, first, last + 1, skip, r.length()));
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        Opened o = open(container, key, options.conditions(), options.context());
        return o.info;
    }

    /**
     * Refused: a copy of the ciphertext would stay bound to its source key, and nothing here streams
     * a copy through Passerelle (callers can get and put).
     *
     * @throws StorageException UNSUPPORTED always
     */
    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        throw new StorageException(ErrorKind.UNSUPPORTED, "an encrypted bucket has no server-side copy: each object is bound to its key")
                .withLocation(targetContainer, targetKey);
    }

    /** Lists with plaintext sizes, computed from the stored lengths (no extra host call). */
    @Override
    public ListPage listPage(String container, ListRequest request) {
        ListPage page = delegate().listPage(container, request);
        List<ObjectInfo> objects = new ArrayList<>(page.objects().size());
        for (ObjectInfo o : page.objects()) {
            boolean envelope = o.userMetadata().isEmpty() ? EnvelopeFormat.isValidCiphertextLength(o.size()) : Envelope.isClaimed(o.userMetadata());
            if (envelope && EnvelopeFormat.isValidCiphertextLength(o.size())) {
                objects.add(new ObjectInfo(o.key(), EnvelopeFormat.plaintextLength(o.size()), o.etag(), null, o.lastModified(), Map.of(), Map.of()));
            } else {
                objects.add(o);
            }
        }
        return new ListPage(objects, page.commonPrefixes(), page.nextContinuationToken());
    }

    /** An object as found: its host info, and either its decrypted header and cipher or a plain (non-envelope) marker. */
    private record Opened(ObjectInfo host, ObjectInfo info, ChunkCipher cipher, boolean plainObject) {
    }

    /**
     * Fetches the header record (the last 4 KiB) under the caller's conditions, unwraps the data key
     * and authenticates the header.
     */
    private Opened open(String container, String key, Conditions conditions, CallContext context) {
        ObjectContent tail;
        try {
            tail = delegate().get(container, key, new GetOptions(ByteRange.suffix(EnvelopeFormat.HEADER_CIPHER_LENGTH), conditions, context));
        } catch (StorageException e) {
            if (e.kind() != ErrorKind.INVALID_RANGE) {
                throw e;
            }
            ObjectInfo host = delegate().head(container, key, new GetOptions(null, conditions, context));
            return notAnEnvelope(host, "it is empty");
        }
        try (tail) {
            ObjectInfo host = tail.info();
            Envelope envelope;
            try {
                envelope = Envelope.parse(host.userMetadata()).orElse(null);
            } catch (StorageException e) {
                throw e.withLocation(container, key);
            }
            if (envelope == null) {
                return notAnEnvelope(host, "it carries no envelope metadata");
            }
            if (tail.length() != EnvelopeFormat.HEADER_CIPHER_LENGTH) {
                throw new StorageException(ErrorKind.INTEGRITY, "the stored object is too short to be an envelope").withLocation(container, key);
            }
            EnvelopeFormat.plaintextLength(host.size());
            EnvelopeBinding binding = new EnvelopeBinding(bucket, key);
            byte[] dataKey = envelope.bound() ? keys.unwrap(envelope.kekId(), envelope.wrappedKey(), binding)
                    : keys.unwrapUnbound(envelope.kekId(), envelope.wrappedKey());
            ChunkCipher cipher = new ChunkCipher(dataKey, envelope.version(), binding);
            Arrays.fill(dataKey, (byte) 0);
            EnvelopeHeader header = Envelope.readHeader(tail.stream(), cipher, host.size());
            if (!envelope.bound()) {
                UnboundReads.note();
            }
            return new Opened(host, Envelope.plainInfo(host, header), cipher, false);
        } catch (IOException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "reading the encrypted header failed", e).withLocation(container, key);
        } catch (UncheckedIOException e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, "closing the header read failed", e).withLocation(container, key);
        } catch (StorageException e) {
            throw e.withLocation(container, key);
        }
    }

    private Opened notAnEnvelope(ObjectInfo host, String why) {
        if (required) {
            throw new StorageException(ErrorKind.INTEGRITY, "encryption is required but the stored object has no valid envelope (" + why + ")");
        }
        return new Opened(host, host, null, true);
    }

    private static Conditions pinned(Conditions c, String etag) {
        return new Conditions(etag, c.ifNoneMatch(), c.ifModifiedSince(), c.ifUnmodifiedSince());
    }
}
