package dev.passerelle.backend.azure;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.support.upload.PartSizing;

/**
 * Azure's block limits, and the block size of one upload (chosen by the shared
 * {@link PartSizing} from them). Azure commits at most {@value #MAX_BLOCKS} blocks of at
 * most {@value #MAX_BLOCK_SIZE} bytes each. With a declared length the block size grows (in whole
 * MiB) so that 50,000 blocks always suffice; with an unknown length the configured default is used
 * and the upload fails clearly once 50,000 blocks of that size are exceeded.
 */
final class BlockSizing {
    /** Azure's limit of committed blocks per blob. */
    static final int MAX_BLOCKS = 50_000;
    /** Azure's largest block (4000 MiB, service version 2019-12-12 and later). */
    static final long MAX_BLOCK_SIZE = 4000L * 1024 * 1024;
    /** The largest block blob: 50,000 blocks of 4000 MiB (about 190.7 TiB). */
    static final long MAX_OBJECT_SIZE = MAX_BLOCKS * MAX_BLOCK_SIZE;
    /** The default block size (8 MiB): memory per upload is about concurrency times this. */
    static final long DEFAULT_BLOCK_SIZE = 8L * 1024 * 1024;

    private BlockSizing() {
    }

    /**
     * @param declaredLength the upload's declared length, or -1 when unknown
     * @param configured the configured (minimum) block size
     * @return the block size to use
     * @throws StorageException PAYLOAD_TOO_LARGE when even 50,000 blocks of 4000 MiB cannot hold the object
     */
    static long blockSize(long declaredLength, long configured) {
        if (declaredLength > MAX_OBJECT_SIZE) {
            throw new StorageException(ErrorKind.PAYLOAD_TOO_LARGE,
                    "an Azure block blob holds at most " + MAX_OBJECT_SIZE + " bytes; got " + declaredLength);
        }
        return PartSizing.partSize(declaredLength, configured, MAX_BLOCKS, MAX_BLOCK_SIZE);
    }

    /**
     * @param declaredLength the declared length, or -1
     * @param blockSize the block size chosen by {@link #blockSize}
     * @return the most bytes the upload may carry: the declared length, or 50,000 blocks when unknown
     */
    static long maxLength(long declaredLength, long blockSize) {
        return PartSizing.maxLength(declaredLength, blockSize, MAX_BLOCKS);
    }
}
