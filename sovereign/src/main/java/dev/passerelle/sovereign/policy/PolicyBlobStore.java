package dev.passerelle.sovereign.policy;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.sovereign.config.SovereignConfig;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * Refuses writes (create container, put, copy into) that would place bytes where the residency
 * policy forbids: FORBIDDEN with code {@value #CODE}, naming bucket, backend and rule. Reads and
 * deletes pass, so data can always be read out of (and removed from) a non-compliant host.
 */
public final class PolicyBlobStore extends ForwardingBlobStore {
    /** The stable error code of a refused write. */
    public static final String CODE = "policy_violation";

    private final Function<String, PolicyDecision> decisions;

    /**
     * @param delegate the store writes go to
     * @param decisions the decision for a container (bucket) placed on this store's backend
     */
    public PolicyBlobStore(BlobStore delegate, Function<String, PolicyDecision> decisions) {
        super(delegate);
        this.decisions = Objects.requireNonNull(decisions, "decisions");
    }

    /**
     * @param delegate the store of backend {@code backend}
     * @param config the sovereign settings (classification and encryption per bucket, rules)
     * @param backend the name of the backend {@code delegate} writes to
     */
    public PolicyBlobStore(BlobStore delegate, SovereignConfig config, String backend) {
        this(delegate, bucket -> config.decide(bucket, backend));
    }

    private void check(String container) {
        PolicyDecision d = decisions.apply(container);
        if (!d.allowed()) {
            throw new StorageException(ErrorKind.FORBIDDEN, CODE, d.explanation(), false, null).withLocation(container, null);
        }
    }

    @Override
    public void createContainer(String container, CallContext context) {
        check(container);
        super.createContainer(container, context);
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        check(container);
        return super.put(container, key, data, length, options);
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        check(targetContainer);
        return super.copy(sourceContainer, sourceKey, targetContainer, targetKey, options);
    }
}
