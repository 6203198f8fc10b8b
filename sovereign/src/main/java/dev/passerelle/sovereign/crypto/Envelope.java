package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The host-visible part of an envelope (three metadata entries) and the opening of its encrypted
 * header. What the host sees: {@value #META_FORMAT} (format version), {@value #META_KEK} (the KEK id)
 * and {@value #META_WRAPPED_KEY} (the wrapped data key, base64); nothing else about the content.
 *
 * @param version the format version ({@link EnvelopeFormat#VERSION}, or {@link EnvelopeFormat#UNBOUND_VERSION} for old objects)
 * @param kekId the id of the KEK that wraps the data key
 * @param wrappedKey the wrapped data key
 */
public record Envelope(int version, String kekId, byte[] wrappedKey) {
    /** Metadata name of the envelope format version. */
    public static final String META_FORMAT = "passerelle-enc";
    /** Metadata name of the KEK id. */
    public static final String META_KEK = "passerelle-kek";
    /** Metadata name of the wrapped data key (base64). */
    public static final String META_WRAPPED_KEY = "passerelle-dek";
    /** The media type the host stores for every encrypted object. */
    public static final String HOST_CONTENT_TYPE = "application/octet-stream";

    /** @return the host metadata of this envelope */
    public Map<String, String> toMetadata() {
        return Map.of(META_FORMAT, Integer.toString(version), META_KEK, kekId,
                META_WRAPPED_KEY, Base64.getEncoder().encodeToString(wrappedKey));
    }

    /** @return whether the object is bound to its bucket and key (version 2); version 1 objects are not */
    public boolean bound() {
        return version != EnvelopeFormat.UNBOUND_VERSION;
    }

    /** @return a copy naming another KEK and wrapped key (a rewrap) */
    public Envelope rewrapped(String newKekId, byte[] newWrappedKey) {
        return new Envelope(version, newKekId, newWrappedKey);
    }

    /** @return whether host metadata claims an envelope (valid or not) */
    public static boolean isClaimed(Map<String, String> hostMetadata) {
        return hostMetadata.containsKey(META_FORMAT);
    }

    /**
     * @param hostMetadata the metadata the host returned
     * @return the envelope, or empty when the object carries none
     * @throws StorageException INTEGRITY when an envelope is claimed but malformed or of an unknown version
     */
    public static Optional<Envelope> parse(Map<String, String> hostMetadata) {
        String format = hostMetadata.get(META_FORMAT);
        if (format == null) {
            return Optional.empty();
        }
        int version = format.equals(Integer.toString(EnvelopeFormat.VERSION)) ? EnvelopeFormat.VERSION
                : format.equals(Integer.toString(EnvelopeFormat.UNBOUND_VERSION)) ? EnvelopeFormat.UNBOUND_VERSION : -1;
        if (version < 0) {
            throw new StorageException(ErrorKind.INTEGRITY, "unsupported envelope format version '" + format + "'");
        }
        String kek = hostMetadata.get(META_KEK);
        String wrapped = hostMetadata.get(META_WRAPPED_KEY);
        if (kek == null || wrapped == null) {
            throw new StorageException(ErrorKind.INTEGRITY, "the envelope metadata is incomplete (KEK id or wrapped key missing)");
        }
        try {
            return Optional.of(new Envelope(version, kek, Base64.getDecoder().decode(wrapped)));
        } catch (IllegalArgumentException e) {
            throw new StorageException(ErrorKind.INTEGRITY, "the wrapped data key is not base64", e);
        }
    }

    /**
     * Reads and authenticates the header record.
     *
     * @param headerRecord the last {@link EnvelopeFormat#HEADER_CIPHER_LENGTH} stored bytes
     * @param cipher the object's cipher
     * @param storedLength the stored length, to check against the header's plaintext size
     * @return the header
     * @throws StorageException INTEGRITY when the record is short, fails authentication, or disagrees with the length
     */
    static EnvelopeHeader readHeader(InputStream headerRecord, ChunkCipher cipher, long storedLength) throws IOException {
        byte[] in = headerRecord.readNBytes(EnvelopeFormat.HEADER_CIPHER_LENGTH);
        if (in.length != EnvelopeFormat.HEADER_CIPHER_LENGTH) {
            throw new StorageException(ErrorKind.INTEGRITY, "the encrypted header is truncated");
        }
        byte[] plain = new byte[EnvelopeFormat.HEADER_PLAIN_LENGTH];
        cipher.decrypt(EnvelopeFormat.DOMAIN_HEADER, 0, true, in, in.length, plain);
        EnvelopeHeader h = EnvelopeHeader.decode(plain, cipher.version());
        if (EnvelopeFormat.ciphertextLength(h.size()) != storedLength) {
            throw new StorageException(ErrorKind.INTEGRITY, "the stored length " + storedLength + " does not match the "
                    + h.size() + "-byte plaintext the header records (truncated or extended)");
        }
        return h;
    }

    /** @return what a client sees: the host's ETag and date with the plaintext's size, type, metadata and checksums */
    static ObjectInfo plainInfo(ObjectInfo host, EnvelopeHeader h) {
        Map<ChecksumAlgorithm, Checksum> sums = new EnumMap<>(ChecksumAlgorithm.class);
        sums.put(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, h.sha256()));
        sums.put(ChecksumAlgorithm.MD5, Checksum.passerelle(ChecksumAlgorithm.MD5, h.md5()));
        return new ObjectInfo(host.key(), h.size(), host.etag(), h.contentType(), host.lastModified(), h.userMetadata(), sums);
    }
}
