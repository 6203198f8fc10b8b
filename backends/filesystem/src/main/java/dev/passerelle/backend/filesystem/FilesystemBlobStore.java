package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
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
import dev.passerelle.api.ResolvedRange;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link BlobStore} on a local (or mounted) directory: each container is a directory under the
 * root, laid out as {@link ManagedLayout managed} (Passerelle's own files: data + metadata +
 * checksums in one file per object) or {@link PlainLayout plain} (ordinary files, nothing written
 * beside them). Thread-safe; several processes may share a root (commits are serialised by OS locks).
 */
public final class FilesystemBlobStore implements BlobStore {
    private final Path root;
    private final boolean readOnly;
    private final Layout layout;
    private final Capabilities capabilities;
    private final CommitLocks locks;
    private final ObjectWriter writer;
    private final FsLister lister;
    private final ContainerDirectories containers;
    private final ConcurrentHashMap<String, ReentrantReadWriteLock> containerLocks = new ConcurrentHashMap<>();

    /**
     * Opens a store on an existing root directory and removes stale temporary files left by a killed process.
     *
     * @param settings the settings (the root must exist and be a directory)
     * @throws IOException when the root cannot be read
     */
    public FilesystemBlobStore(FilesystemSettings settings) throws IOException {
        this.readOnly = settings.readOnly();
        // read-only, a missing root is a store without containers (nothing is created to open it)
        this.root = readOnly && !Files.exists(settings.root()) ? settings.root().toAbsolutePath().normalize() : settings.root().toRealPath();
        if (!readOnly && !Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        TempFiles temps = new TempFiles(root);
        this.layout = settings.plain() ? new PlainLayout(root, settings.headChecksums()) : new ManagedLayout(temps.dir());
        this.capabilities = layout.capabilities().toBuilder().maxObjectSize(settings.maxObjectSize()).writable(layout.capabilities().writable() && !readOnly).build();
        this.locks = new CommitLocks(temps.dir().resolve("commit.lock"));
        this.writer = new ObjectWriter(layout, temps, locks, settings.maxObjectSize());
        this.lister = new FsLister(layout, capabilities.listOrder().comparator());
        this.containers = new ContainerDirectories(root, layout, capabilities.listOrder().comparator());
        if (!readOnly) {
            if (!settings.plain()) {
                Files.createDirectories(temps.dir());
            }
            temps.cleanStale(settings.staleTempAfter());
        }
    }

    /** @throws StorageException FORBIDDEN when the store was opened read-only */
    private void checkWritable(String container, String key) {
        if (readOnly) {
            throw new StorageException(ErrorKind.FORBIDDEN, "the filesystem backend at " + root + " is opened read-only").withLocation(container, key);
        }
    }

    /** @return the root directory (a real path) */
    public Path root() {
        return root;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void createContainer(String container, CallContext context) {
        Names.validateContainer(container);
        checkWritable(container, null);
        containers.create(container);
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        Names.validateContainer(container);
        return Files.isDirectory(root.resolve(container), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        Names.validateContainer(container);
        checkWritable(container, null);
        Lock lock = containerLock(container).writeLock();
        lock.lock();
        try {
            containers.delete(container, requireContainer(container));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        List<ContainerInfo> result = new ArrayList<>();
        if (readOnly && !Files.isDirectory(root)) {
            return result;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!isContainerName(name)) {
                    continue;
                }
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    result.add(new ContainerInfo(name, attrs.creationTime().toInstant()));
                }
            }
        } catch (IOException e) {
            throw FsErrors.map("list containers", e);
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return result;
    }

    private static boolean isContainerName(String name) {
        try {
            Names.validateContainer(name);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        Names.validate(container, key);
        checkWritable(container, key);
        PutOptions opts = options == null ? PutOptions.defaults() : options;
        Names.validateMetadata(opts.userMetadata());
        if (!capabilities.userMetadata() && !opts.userMetadata().isEmpty()) {
            throw new StorageException(ErrorKind.UNSUPPORTED, "the plain filesystem layout cannot store user metadata").withLocation(container, key);
        }
        Lock lock = containerLock(container).readLock();
        lock.lock();
        try {
            Path containerDir = requireContainer(container);
            Path target = layout.objectFile(containerDir, key);
            if (target == null) {
                throw new StorageException(ErrorKind.UNSUPPORTED, "the plain filesystem layout cannot hold this key (empty, '.' or '..' segment, or a segment over 255 bytes)")
                        .withLocation(container, key);
            }
            return writer.put(container, containerDir, key, target, data, length, opts);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        GetOptions opts = options == null ? GetOptions.defaults() : options;
        Layout.Opened opened = open(container, key);
        try {
            opts.conditions().checkRead(opened.info());
            ObjectInfo info = opened.info();
            ResolvedRange range = opts.range() == null ? null : opts.range().resolve(info.size());
            long start = range == null ? 0 : range.first();
            long length = range == null ? info.size() : range.length();
            return new ObjectContent(info, range, new RangeInputStream(opened.channel(), start, length));
        } catch (RuntimeException e) {
            closeQuietly(opened);
            throw e instanceof StorageException se ? se.withLocation(container, key) : e;
        }
    }

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        GetOptions opts = options == null ? GetOptions.defaults() : options;
        Layout.Opened opened = open(container, key);
        try {
            opts.conditions().checkRead(opened.info());
            if (layout instanceof PlainLayout plain && plain.headChecksums()) {
                return plain.withComputedChecksums(opened.info(), opened.channel());
            }
            return opened.info();
        } catch (IOException e) {
            throw FsErrors.map("read object", e).withLocation(container, key);
        } catch (StorageException e) {
            throw e.withLocation(container, key);
        } finally {
            closeQuietly(opened);
        }
    }

    private Layout.Opened open(String container, String key) {
        Names.validate(container, key);
        Path containerDir = requireContainer(container);
        Path file = layout.objectFile(containerDir, key);
        if (file == null) {
            throw FsErrors.objectNotFound(container, key);
        }
        Layout.Opened opened;
        try {
            opened = layout.open(containerDir, file, key);
        } catch (IOException e) {
            if (FsErrors.isMissing(e)) {
                throw FsErrors.objectNotFound(container, key);
            }
            throw FsErrors.map("read object", e).withLocation(container, key);
        }
        if (!opened.info().key().equals(key)) {
            // the trailer names another key: the file was moved, swapped or copied here at the host
            closeQuietly(opened);
            // (the other key is not named: the file may come from a bucket the caller cannot read)
            throw new StorageException(ErrorKind.INTEGRITY, "the stored object file at this key's path records another key: "
                    + "it was moved or copied there outside Passerelle").withLocation(container, key);
        }
        return opened;
    }

    private static void closeQuietly(Layout.Opened opened) {
        try {
            opened.channel().close();
        } catch (IOException ignored) {
            // read-only descriptor
        }
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        Names.validate(container, key);
        checkWritable(container, key);
        Lock lock = containerLock(container).readLock();
        lock.lock();
        try {
            Path containerDir = requireContainer(container);
            Path target = layout.objectFile(containerDir, key);
            if (target == null) {
                throw FsErrors.objectNotFound(container, key);
            }
            writer.delete(container, containerDir, key, target);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        Names.validate(sourceContainer, sourceKey);
        Names.validate(targetContainer, targetKey);
        checkWritable(targetContainer, targetKey);
        CopyOptions opts = options == null ? CopyOptions.defaults() : options;
        Path targetDir = requireContainer(targetContainer);
        Layout.Opened source = open(sourceContainer, sourceKey);
        try {
            try {
                opts.sourceConditions().checkRead(source.info());
            } catch (StorageException e) {
                throw new StorageException(ErrorKind.PRECONDITION_FAILED, "copy source: " + e.detail()).withLocation(sourceContainer, sourceKey);
            }
            Lock lock = containerLock(targetContainer).readLock();
            lock.lock();
            try {
                Path target = layout.objectFile(requireContainer(targetContainer), targetKey);
                if (target == null) {
                    throw new StorageException(ErrorKind.UNSUPPORTED, "the plain filesystem layout cannot hold this key").withLocation(targetContainer, targetKey);
                }
                return writer.copy(source, targetContainer, targetDir, targetKey, target);
            } finally {
                lock.unlock();
            }
        } finally {
            closeQuietly(source);
        }
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        Names.validateContainer(container);
        Path containerDir = requireContainer(container);
        try {
            return lister.page(containerDir, request);
        } catch (IOException e) {
            throw FsErrors.map("list objects", e).withLocation(container, null);
        }
    }

    @Override
    public void close() {
        locks.close();
    }

    private Path requireContainer(String container) {
        Path dir = root.resolve(container);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw FsErrors.containerNotFound(container);
        }
        return dir;
    }

    private ReentrantReadWriteLock containerLock(String container) {
        return containerLocks.computeIfAbsent(container, c -> new ReentrantReadWriteLock());
    }
}
