package dev.passerelle.core;

import dev.passerelle.api.BlobStore;

/**
 * Builds one layer of a bucket's decorator chain (see {@link DecoratorChain.Layer}).
 */
@FunctionalInterface
interface DecoratorFactory {

    /**
     * @param inner the chain below this layer (towards the backend)
     * @param bucket the bucket's settings (synthesised with defaults for a bucket without configuration)
     * @param backend the backend the bucket is routed to
     * @return {@code inner} wrapped by this layer, or {@code inner} itself when the layer is off for the bucket
     * @throws dev.passerelle.api.spi.ConfigException when the bucket's settings for this layer are wrong
     */
    BlobStore wrap(BlobStore inner, BucketConfig bucket, BackendInfo backend);
}
