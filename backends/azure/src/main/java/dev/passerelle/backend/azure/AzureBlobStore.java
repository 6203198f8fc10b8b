package dev.passerelle.backend.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ContainerInfo;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListOrder;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.Names;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azure Blob Storage as a {@link BlobStore}: containers are buckets, block blobs are objects.
 * Thread-safe. Built by {@link AzureBlobStoreProvider} from settings; see docs/backends.md (Azure) for
 * the settings, the memory bound of uploads and the remaining race of {@link #deleteContainer}.
 */
public final class AzureBlobStore implements BlobStore {
    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .rangedReads(true)
            .serverSideCopy(true)
            .conditionalPut(true)
            .atomicConditionalPut(true)
            .listOrder(ListOrder.UTF16)
            .nativeMd5(true)
            .storesChecksums(true)
            .userMetadata(true)
            .writable(true)
            .maxUserMetadataBytes(MetadataCodec.USER_BUDGET)
            .maxObjectSize(BlockSizing.MAX_OBJECT_SIZE)
            .minPartSize(1)
            .maxPartSize(BlockSizing.MAX_BLOCK_SIZE)
            .maxParts(BlockSizing.MAX_BLOCKS)
            .build();

    private final BlobServiceClient service;
    private final AzureOptions options;
    private final AzureErrors errors;
    private final ExecutorService stagingThreads;
    private final BlockUploader uploader;
    private final ObjectReader reader;
    private final ServerSideCopier copier;
    private final AzureLister lister;
    private final DirectBlobHttp direct;

    /**
     * @param name the backend's configured name (used in error messages and thread names)
     * @param connection the Azure client and how it authenticates
     * @param options tuning options
     * @param direct the transport of single-shot uploads and whole-object reads, or null to send them through the SDK
     */
    AzureBlobStore(String name, AzureClientFactory.Connection connection, AzureOptions options, DirectBlobHttp direct) {
        this.service = connection.service();
        this.options = options;
        this.errors = new AzureErrors(name);
        int threads = Math.max(4, options.uploadConcurrency() * 4);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads(name));
        pool.allowCoreThreadTimeOut(true);
        this.stagingThreads = pool;
        this.uploader = new BlockUploader(errors, options, stagingThreads, direct);
        this.reader = new ObjectReader(errors, options, connection.asyncService(), direct);
        this.copier = new ServerSideCopier(errors, options, reader, connection.sasToken());
        this.lister = new AzureLister(options);
        this.direct = direct;
    }

    /** @return whether single-shot uploads and whole-object reads go through {@link DirectBlobHttp} */
    boolean usesDirectHttp() {
        return direct != null;
    }

    /** {@inheritDoc} UTF-16 listing order, 50,000 blocks of at most 4000 MiB, Azure's Content-MD5 as a host checksum. */
    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** {@inheritDoc} */
    @Override
    public void createContainer(String container, CallContext context) {
        Names.validateContainer(container);
        try {
            containerClient(container).createWithResponse(null, null, options.timeout(), Context.NONE);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.CONTAINER, container, null);
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean containerExists(String container, CallContext context) {
        Names.validateContainer(container);
        try {
            return Boolean.TRUE.equals(containerClient(container).existsWithResponse(options.timeout(), Context.NONE).getValue());
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.CONTAINER, container, null);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Azure's Delete Container would delete every blob in it, so the container is listed first
     * and the delete is refused with CONFLICT when a blob is found. A blob committed between that
     * listing and the delete would still be lost with the container: Azure offers no conditional
     * "delete if empty"; do not delete buckets that are still being written to.
     */
    @Override
    public void deleteContainer(String container, CallContext context) {
        Names.validateContainer(container);
        BlobContainerClient client = containerClient(container);
        try {
            ListBlobsOptions one = new ListBlobsOptions().setMaxResultsPerPage(1);
            List<BlobItem> first = client.listBlobs(one, null, options.timeout()).iterableByPage(1).iterator().next().getValue();
            if (!first.isEmpty()) {
                throw new StorageException(ErrorKind.CONFLICT, "bucket_not_empty", "bucket is not empty; delete its objects first", false, null);
            }
            client.deleteWithResponse(null, options.timeout(), Context.NONE);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.CONTAINER, container, null);
        }
    }

    /** {@inheritDoc} Azure does not report creation times: {@link ContainerInfo#created()} is null. */
    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        try {
            List<ContainerInfo> out = new ArrayList<>();
            for (BlobContainerItem item : service.listBlobContainers(null, options.timeout())) {
                out.add(new ContainerInfo(item.getName(), null));
            }
            out.sort(Comparator.comparing(ContainerInfo::name));
            return out;
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.CONTAINER, null, null);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Streamed as staged blocks (see {@link BlockUploader}); the put conditions are first checked
     * against the current blob so a doomed upload fails before sending its body, then enforced by
     * Azure atomically at the commit.
     */
    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        validate(container, key);
        Names.validateMetadata(options.userMetadata());
        if (!options.conditions().isEmpty()) {
            ObjectInfo current;
            try {
                current = reader.properties(blob(container, key), container, key);
            } catch (StorageException e) {
                if (e.kind() != ErrorKind.OBJECT_NOT_FOUND) {
                    throw e;
                }
                current = null;
            }
            try {
                options.conditions().checkWrite(current);
            } catch (StorageException e) {
                throw e.withBackend(errors.backend()).withLocation(container, key);
            }
        }
        return uploader.upload(blob(container, key).getBlockBlobClient(), container, key, data, length, options);
    }

    /** {@inheritDoc} */
    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        validate(container, key);
        return reader.get(blob(container, key), container, key, options);
    }

    /** {@inheritDoc} */
    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        validate(container, key);
        return reader.head(blob(container, key), container, key, options);
    }

    /** {@inheritDoc} */
    @Override
    public void delete(String container, String key, CallContext context) {
        validate(container, key);
        try {
            blob(container, key).deleteWithResponse(null, null, options.timeout(), Context.NONE);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.DELETE, container, key);
        }
    }

    /** {@inheritDoc} Azure's Copy Blob within the account, waited for up to {@code copy-timeout}. */
    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        validate(sourceContainer, sourceKey);
        validate(targetContainer, targetKey);
        return copier.copy(blob(sourceContainer, sourceKey), sourceContainer, sourceKey,
                blob(targetContainer, targetKey), targetContainer, targetKey, options);
    }

    /** {@inheritDoc} */
    @Override
    public ListPage listPage(String container, ListRequest request) {
        Names.validateContainer(container);
        try {
            return lister.page(containerClient(container), request);
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.READ, container, null);
        }
    }

    /** Stops the block-staging threads (after the uploads in progress). */
    @Override
    public void close() {
        stagingThreads.shutdown();
    }

    /**
     * The contract's name rules, plus Azure's one deviation: Azure canonicalises a backslash to
     * {@code /} in blob names, so {@code a\b} would silently be stored as {@code a/b} (and could
     * overwrite it). Such keys are refused instead.
     */
    private static void validate(String container, String key) {
        Names.validate(container, key);
        if (key.indexOf('\\') >= 0) {
            throw StorageException.invalid("invalid_key",
                    "Azure stores '\\' as '/' in blob names, so this key cannot be kept as it is on an Azure backend");
        }
    }

    private BlobContainerClient containerClient(String container) {
        return service.getBlobContainerClient(container);
    }

    private com.azure.storage.blob.BlobClient blob(String container, String key) {
        return containerClient(container).getBlobClient(key);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "passerelle-azure-" + name + "-stage-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
