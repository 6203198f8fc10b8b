package dev.passerelle.api;

/**
 * What a backend can do, as data. Callers test these flags and limits, never the backend's class.
 *
 * @param rangedReads reads a byte range without reading the whole object
 * @param serverSideCopy copies within the store without streaming through Passerelle
 * @param conditionalPut honours put conditions (If-Match, If-None-Match *) at all
 * @param atomicConditionalPut checks put conditions atomically with the commit (no race window)
 * @param listOrder the order keys are listed in
 * @param nativeMd5 the host reports an MD5 of the content
 * @param storesChecksums Passerelle's SHA-256 and MD5 are stored with each object it writes
 * @param userMetadata user metadata and content type round trip
 * @param writable objects can be written and deleted
 * @param maxUserMetadataBytes the most user-metadata bytes (names + values, UTF-8) an object may carry
 * @param maxObjectSize the largest object, in bytes
 * @param minPartSize the smallest part of a multipart/block upload (0 when not applicable)
 * @param maxPartSize the largest part (0 when not applicable)
 * @param maxParts the most parts per upload (0 when not applicable)
 * @param localReads reads cost no network transfer (a local or mounted disk): reading an object twice is cheap
 * @param upFrontChecksumsFrom the smallest size from which a put given BOTH expected checksums
 *                             ({@link PutOptions#expectedSha256()} and {@link PutOptions#expectedMd5()})
 *                             stores them with its first request and so skips work it would do after
 *                             the upload (S3: a copy of the object onto itself to record them);
 *                             {@link Long#MAX_VALUE} when knowing them up front saves nothing
 */
public record Capabilities(boolean rangedReads, boolean serverSideCopy, boolean conditionalPut,
                           boolean atomicConditionalPut, ListOrder listOrder, boolean nativeMd5,
                           boolean storesChecksums, boolean userMetadata, boolean writable,
                           int maxUserMetadataBytes, long maxObjectSize, long minPartSize, long maxPartSize,
                           int maxParts, boolean localReads, long upFrontChecksumsFrom) {

    /**
     * @return a builder with every feature OFF (no ranged reads, copy, conditions, metadata, writes; no
     *         metadata bytes, objects of 0 bytes; remote reads, no gain from checksums up front) and no
     *         list order: a backend opts in to each thing it does, so one that forgets a flag does not
     *         claim it; {@link Builder#build()} refuses a builder whose list order was not declared
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from these capabilities (used by decorators that mask features) */
    public Builder toBuilder() {
        return new Builder().rangedReads(rangedReads).serverSideCopy(serverSideCopy).conditionalPut(conditionalPut)
                .atomicConditionalPut(atomicConditionalPut).listOrder(listOrder).nativeMd5(nativeMd5)
                .storesChecksums(storesChecksums).userMetadata(userMetadata).writable(writable)
                .maxUserMetadataBytes(maxUserMetadataBytes).maxObjectSize(maxObjectSize)
                .minPartSize(minPartSize).maxPartSize(maxPartSize).maxParts(maxParts)
                .localReads(localReads).upFrontChecksumsFrom(upFrontChecksumsFrom);
    }

    /** Builder of {@link Capabilities}. */
    public static final class Builder {
        private boolean rangedReads;
        private boolean serverSideCopy;
        private boolean conditionalPut;
        private boolean atomicConditionalPut;
        private ListOrder listOrder;
        private boolean nativeMd5;
        private boolean storesChecksums;
        private boolean userMetadata;
        private boolean writable;
        private int maxUserMetadataBytes;
        private long maxObjectSize;
        private long minPartSize;
        private long maxPartSize;
        private int maxParts;
        private boolean localReads;
        private long upFrontChecksumsFrom = Long.MAX_VALUE;

        private Builder() {
        }

        /** @return this */
        public Builder rangedReads(boolean v) {
            rangedReads = v;
            return this;
        }

        /** @return this */
        public Builder serverSideCopy(boolean v) {
            serverSideCopy = v;
            return this;
        }

        /** @return this */
        public Builder conditionalPut(boolean v) {
            conditionalPut = v;
            return this;
        }

        /** @return this */
        public Builder atomicConditionalPut(boolean v) {
            atomicConditionalPut = v;
            return this;
        }

        /** @return this */
        public Builder listOrder(ListOrder v) {
            listOrder = v;
            return this;
        }

        /** @return this */
        public Builder nativeMd5(boolean v) {
            nativeMd5 = v;
            return this;
        }

        /** @return this */
        public Builder storesChecksums(boolean v) {
            storesChecksums = v;
            return this;
        }

        /** @return this */
        public Builder userMetadata(boolean v) {
            userMetadata = v;
            return this;
        }

        /** @return this */
        public Builder writable(boolean v) {
            writable = v;
            return this;
        }

        /** @return this */
        public Builder maxUserMetadataBytes(int v) {
            maxUserMetadataBytes = v;
            return this;
        }

        /** @return this */
        public Builder maxObjectSize(long v) {
            maxObjectSize = v;
            return this;
        }

        /** @return this */
        public Builder minPartSize(long v) {
            minPartSize = v;
            return this;
        }

        /** @return this */
        public Builder maxPartSize(long v) {
            maxPartSize = v;
            return this;
        }

        /** @return this */
        public Builder maxParts(int v) {
            maxParts = v;
            return this;
        }

        /** @return this */
        public Builder localReads(boolean v) {
            localReads = v;
            return this;
        }

        /** @return this */
        public Builder upFrontChecksumsFrom(long v) {
            upFrontChecksumsFrom = v;
            return this;
        }

        /**
         * @return the capabilities
         * @throws IllegalStateException when the list order was not declared
         */
        public Capabilities build() {
            if (listOrder == null) {
                throw new IllegalStateException("a backend's capabilities must declare its list order");
            }
            return new Capabilities(rangedReads, serverSideCopy, conditionalPut, atomicConditionalPut, listOrder, nativeMd5,
                    storesChecksums, userMetadata, writable, maxUserMetadataBytes, maxObjectSize, minPartSize, maxPartSize, maxParts,
                    localReads, upFrontChecksumsFrom);
        }
    }
}
