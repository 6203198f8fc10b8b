package dev.passerelle.backend.jclouds;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ByteRange;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ContainerInfo;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
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
import dev.passerelle.api.spi.support.ExactLengthInputStream;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BlobStore} over any jclouds blob-store provider or API ({@code transient},
 * {@code filesystem}, {@code s3}, {@code openstack-swift}, ...). Uploads go through
 * {@link JcloudsUploader}, listings through {@link JcloudsLister}; every failure is mapped by
 * {@link JcloudsErrors}. Read conditions are evaluated by Passerelle against the object's metadata;
 * a ranged read pins the version it resolved the range against with If-Match.
 */
public final class JcloudsBlobStore implements BlobStore {

    private final JcloudsSettings settings;
    private final BlobStoreContext context;
    private final org.jclouds.blobstore.BlobStore blobs;
    private final JcloudsErrors errors;
    private final JcloudsUploader uploader;
    private final JcloudsLister lister;
    private final Capabilities capabilities;

    /** @param settings the resolved settings; the store owns the jclouds context it opens from them */
    public JcloudsBlobStore(JcloudsSettings settings) {
        this.settings = settings;
        this.context = JcloudsContexts.open(settings);
        this.blobs = context.getBlobStore();
        this.errors = new JcloudsErrors(settings.name());
        this.uploader = new JcloudsUploader(blobs, settings, errors, this::headOrNull);
        this.lister = new JcloudsLister(blobs, errors);
        ProviderProfile profile = settings.profile();
        this.capabilities = Capabilities.builder()
                .rangedReads(true)
                .serverSideCopy(settings.serverSideCopy())
                .conditionalPut(true)
                .atomicConditionalPut(false)
                .listOrder(profile.listOrder())
                .nativeMd5(false)
                .storesChecksums(true)
                .userMetadata(true)
                .writable(true)
                .maxUserMetadataBytes(profile.userMetadataBudget())
                .maxObjectSize(profile.maxObjectSize())
                .build();
    }

    /** @return the resolved settings (the credential is hidden from toString) */
    public JcloudsSettings settings() {
        return settings;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void createContainer(String container, CallContext context) {
        Names.validateContainer(container);
        try {
            if (blobs.containerExists(container) || !blobs.createContainerInLocation(null, container)) {
                throw new StorageException(ErrorKind.ALREADY_EXISTS, "container already exists");
            }
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        Names.validateContainer(container);
        try {
            return blobs.containerExists(container);
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        Names.validateContainer(container);
        try {
            requireContainer(container);
            // never blobs.deleteContainer(): jclouds empties the container first
            if (!blobs.deleteContainerIfEmpty(container)) {
                throw new StorageException(ErrorKind.CONFLICT, "container is not empty");
            }
        } catch (IllegalStateException e) {
            throw errors.map(new StorageException(ErrorKind.CONFLICT, "container is not empty", e), container, null);
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        try {
            return blobs.list().stream()
                    .filter(md -> md.getType() == StorageType.CONTAINER)
                    .map(md -> new ContainerInfo(md.getName(), md.getCreationDate() == null ? null : md.getCreationDate().toInstant()))
                    .sorted(Comparator.comparing(ContainerInfo::name))
                    .toList();
        } catch (RuntimeException e) {
            throw errors.map(e, null, null);
        }
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        Names.validate(container, key);
        Names.validateMetadata(options.userMetadata());
        return uploader.put(container, key, data, length, options);
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        Names.validate(container, key);
        return options.range() == null ? getWhole(container, key, options) : getRange(container, key, options);
    }

    private ObjectContent getWhole(String container, String key, GetOptions options) {
        Blob blob = fetch(container, key, org.jclouds.blobstore.options.GetOptions.NONE);
        try {
            ObjectInfo info = JcloudsObjects.fromBlob(key, blob.getMetadata());
            options.conditions().checkRead(info);
            return new ObjectContent(info, null, blob.getPayload().openStream());
        } catch (IOException | RuntimeException e) {
            blob.getPayload().release();
            throw errors.map(e, container, key);
        }
    }

    private ObjectContent getRange(String container, String key, GetOptions options) {
        return ReplacedObjectReads.read(() -> {
            ObjectInfo info = head(container, key, options);
            ResolvedRange range;
            try {
                range = options.range().resolve(info.size());
            } catch (StorageException e) {
                throw errors.map(e, container, key);
            }
            org.jclouds.blobstore.options.GetOptions pinned = new org.jclouds.blobstore.options.GetOptions()
                    .range(range.first(), range.last());
            if (!info.etag().isEmpty()) {
                pinned.ifETagMatches(info.etag());
            }
            Blob blob;
            try {
                blob = fetch(container, key, pinned);
            } catch (StorageException e) {
                if (e.kind() == ErrorKind.PRECONDITION_FAILED) {
                    return Optional.<ObjectContent>empty(); // overwritten between HEAD and GET: resolve again against the new version
                }
                throw e;
            }
            try {
                Long served = blob.getPayload().getContentMetadata().getContentLength();
                // a host that ignored the Range header sent the whole object: cut the range out of it
                long skip = served != null && served == info.size() && !range.isWhole() ? range.first() : 0;
                InputStream stream = new ExactLengthInputStream(blob.getPayload().openStream(), skip, range.length());
                return Optional.of(new ObjectContent(info, range, stream));
            } catch (IOException | RuntimeException e) {
                blob.getPayload().release();
                throw errors.map(e, container, key);
            }
        });
    }

    /** @return the blob; OBJECT_NOT_FOUND or CONTAINER_NOT_FOUND when jclouds answers null */
    private Blob fetch(String container, String key, org.jclouds.blobstore.options.GetOptions options) {
        Blob blob;
        try {
            blob = blobs.getBlob(container, key, options);
        } catch (RuntimeException e) {
            throw errors.map(e, container, key);
        }
        if (blob == null) {
            throw missing(container, key);
        }
        return blob;
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        Names.validate(container, key);
        ObjectInfo info = headOrNull(container, key);
        if (info == null) {
            throw missing(container, key);
        }
        try {
            options.conditions().checkRead(info);
        } catch (StorageException e) {
            throw errors.map(e, container, key);
        }
        return info;
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        Names.validate(container, key);
        if (headOrNull(container, key) == null) {
            throw missing(container, key);
        }
        try {
            blobs.removeBlob(container, key);
        } catch (RuntimeException e) {
            throw errors.map(e, container, key);
        }
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        Names.validate(sourceContainer, sourceKey);
        Names.validate(targetContainer, targetKey);
        if (!capabilities.serverSideCopy()) {
            throw errors.map(new StorageException(ErrorKind.UNSUPPORTED, "server-side copy is switched off for this backend"), sourceContainer, sourceKey);
        }
        ObjectInfo source = head(sourceContainer, sourceKey, GetOptions.defaults());
        try {
            options.sourceConditions().checkRead(source);
        } catch (StorageException e) {
            StorageException failed = e.kind() == ErrorKind.NOT_MODIFIED
                    ? new StorageException(ErrorKind.PRECONDITION_FAILED, "source condition failed: " + e.detail()) : e;
            throw errors.map(failed, sourceContainer, sourceKey);
        }
        try {
            requireContainer(targetContainer);
            org.jclouds.blobstore.options.CopyOptions.Builder copy = org.jclouds.blobstore.options.CopyOptions.builder();
            if (!source.etag().isEmpty()) {
                copy.ifMatch(source.etag()); // copy exactly the version the conditions were checked on
            }
            blobs.copyBlob(sourceContainer, sourceKey, targetContainer, targetKey, copy.build());
        } catch (RuntimeException e) {
            throw errors.map(e, targetContainer, targetKey);
        }
        return head(targetContainer, targetKey, GetOptions.defaults());
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        Names.validateContainer(container);
        return lister.page(container, request, this::requireContainer);
    }

    @Override
    public void close() {
        context.close();
    }

    /** @return the object's info, or null when there is no such object (a missing container still fails) */
    ObjectInfo headOrNull(String container, String key) {
        BlobMetadata md;
        try {
            md = blobs.blobMetadata(container, key);
        } catch (RuntimeException e) {
            StorageException mapped = errors.map(e, container, key);
            if (mapped.kind() == ErrorKind.OBJECT_NOT_FOUND) {
                requireContainer(container);
                return null;
            }
            throw mapped;
        }
        if (md == null) {
            requireContainer(container);
            return null;
        }
        return JcloudsObjects.fromBlob(key, md);
    }

    private StorageException missing(String container, String key) {
        requireContainer(container);
        return errors.map(new StorageException(ErrorKind.OBJECT_NOT_FOUND, "no such object"), container, key);
    }

    private void requireContainer(String container) {
        boolean exists;
        try {
            exists = blobs.containerExists(container);
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
        if (!exists) {
            throw errors.map(new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "no such container"), container, null);
        }
    }

    @Override
    public String toString() {
        return "JcloudsBlobStore[" + Objects.toString(settings) + "]";
    }
}
