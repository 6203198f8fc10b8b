package dev.passerelle.api.spi.support.upload;

/**
 * How {@link UploadEngine} cuts and buffers one upload.
 *
 * @param partSize the size of every part but the last (from {@link PartSizing})
 * @param wholeParts how many parts are buffered before the engine decides: a body that ends within
 *                   them goes as ONE {@link UploadTarget#putWhole} (S3: 1, Azure: its upload-concurrency)
 * @param partsInMemory the most part buffers of this upload at once, the one being read included:
 *                      memory per upload is at most this times {@code partSize}
 * @param maxParts the host's most parts per upload
 * @param pool where the buffers come from: a store-wide budget shared by every upload (S3's
 *             {@code upload-buffer-memory}), or one of this upload alone
 */
public record UploadPlan(int partSize, int wholeParts, int partsInMemory, int maxParts, UploadBufferPool pool) {
    public UploadPlan {
        if (partSize <= 0 || wholeParts < 1 || partsInMemory < 1 || wholeParts > partsInMemory || maxParts < 1) {
            throw new IllegalArgumentException("bad upload plan: part " + partSize + ", whole " + wholeParts + ", in memory "
                    + partsInMemory + ", max parts " + maxParts);
        }
    }

    /**
     * A plan whose buffers come from a pool of its own, sized to its bound.
     */
    public static UploadPlan ownMemory(int partSize, int wholeParts, int partsInMemory, int maxParts) {
        return new UploadPlan(partSize, wholeParts, partsInMemory, maxParts, new UploadBufferPool((long) partsInMemory * partSize, partSize));
    }

    /** @return the largest declared length that goes as one {@link UploadTarget#putWhole} */
    public long wholeMax() {
        return (long) partSize * wholeParts;
    }
}
