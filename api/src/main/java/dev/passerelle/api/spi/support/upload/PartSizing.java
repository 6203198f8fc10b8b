package dev.passerelle.api.spi.support.upload;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

/**
 * Chooses the part size of one upload. A host commits at most {@code maxParts} parts of at most
 * {@code maxPartSize} bytes: with a declared length the part grows (in whole MiB) from the
 * configured size so that the part count always suffices; with an unknown length the configured size
 * is used, and the upload fails clearly once {@code maxParts} parts of it are exceeded.
 */
public final class PartSizing {
    private static final long MIB = 1L << 20;
    /** The largest Java array that is safe to allocate. */
    private static final long MAX_BUFFER = Integer.MAX_VALUE - 8;

    private PartSizing() {
    }

    /**
     * @param declaredLength the upload's declared length, or -1 when unknown
     * @param configured the configured (smallest) part size
     * @param maxParts the host's most parts per upload
     * @param maxPartSize the host's largest part
     * @return the part size to use
     * @throws StorageException PAYLOAD_TOO_LARGE when even {@code maxParts} parts of {@code maxPartSize} cannot hold the object
     */
    public static long partSize(long declaredLength, long configured, int maxParts, long maxPartSize) {
        if (declaredLength < 0) {
            return configured;
        }
        long needed = (declaredLength + maxParts - 1) / maxParts;
        if (needed <= configured) {
            return configured;
        }
        long size = (needed + MIB - 1) / MIB * MIB;
        if (size > maxPartSize) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "an object of " + declaredLength + " bytes needs parts of " + size
                    + " bytes; this host takes at most " + maxParts + " parts of at most " + maxPartSize + " bytes");
        }
        return size;
    }

    /**
     * @param declaredLength the declared length, or -1
     * @param partSize the part size chosen by {@link #partSize}
     * @param maxParts the host's most parts per upload
     * @return the most bytes the upload may carry: the declared length, or {@code maxParts} parts when unknown
     */
    public static long maxLength(long declaredLength, long partSize, int maxParts) {
        return declaredLength >= 0 ? declaredLength : maxParts * partSize;
    }

    /**
     * @param partSize a part size
     * @return it as the length of a Java buffer
     * @throws StorageException PAYLOAD_TOO_LARGE when a part that large cannot be held in one Java array
     */
    public static int bufferSize(long partSize) {
        if (partSize > MAX_BUFFER || partSize <= 0) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE, "parts of " + partSize
                    + " bytes are larger than one Java buffer can hold (" + MAX_BUFFER + " bytes)");
        }
        return (int) partSize;
    }
}
