package dev.passerelle.core;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ContainerInfo;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny in-memory store for testing DECORATOR and ROUTING logic (call counting, injected failures,
 * delays). It is not a backend: it holds small test objects as byte arrays. Before each operation it
 * runs the {@link Hook}, which may throw, sleep, or read the put stream.
 */
public class FakeStore implements BlobStore {

    /** Runs before each operation. */
    @FunctionalInterface
    public interface Hook {
        /** @param op the operation name ({@code put}, {@code get}, ...); @param data the put stream or null */
        void before(String op, InputStream data) throws Exception;
    }

    public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    public final Map<String, Map<String, byte[]>> containers = new ConcurrentSkipListMap<>();
    public volatile Hook hook = (op, data) -> { };
    public volatile boolean closed;
    public final String name;

    public FakeStore(String name) {
        this.name = name;
    }

    /** @return how many times the operation was called */
    public int calls(String op) {
        AtomicInteger n = calls.get(op);
        return n == null ? 0 : n.get();
    }

    private void enter(String op, InputStream data) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        try {
            hook.before(op, data);
        } catch (StorageException | Error e) {
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorKind.UNAVAILABLE, "interrupted", e);
        } catch (Exception e) {
            throw new StorageException(ErrorKind.UNAVAILABLE, e.toString(), e);
        }
    }

    private Map<String, byte[]> container(String container) {
        Map<String, byte[]> c = containers.get(container);
        if (c == null) {
            throw new StorageException(ErrorKind.CONTAINER_NOT_FOUND, "no container " + container);
        }
        return c;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.builder().rangedReads(true).conditionalPut(true).atomicConditionalPut(true)
                .listOrder(dev.passerelle.api.ListOrder.UTF8_BINARY).storesChecksums(true).userMetadata(true).writable(true)
                .maxUserMetadataBytes(dev.passerelle.api.Names.MAX_METADATA_BYTES).maxObjectSize(5L << 40).build();
    }

    @Override
    public void createContainer(String container, CallContext context) {
        enter("createContainer", null);
        if (containers.putIfAbsent(container, new ConcurrentSkipListMap<>()) != null) {
            throw new StorageException(ErrorKind.ALREADY_EXISTS, "exists");
        }
    }

    @Override
    public boolean containerExists(String container, CallContext context) {
        enter("containerExists", null);
        return containers.containsKey(container);
    }

    @Override
    public void deleteContainer(String container, CallContext context) {
        enter("deleteContainer", null);
        if (!container(container).isEmpty()) {
            throw new StorageException(ErrorKind.CONFLICT, "not empty");
        }
        containers.remove(container);
    }

    @Override
    public List<ContainerInfo> listContainers(CallContext context) {
        enter("listContainers", null);
        List<ContainerInfo> out = new ArrayList<>();
        containers.keySet().forEach(n -> out.add(new ContainerInfo(n, null)));
        return out;
    }

    @Override
    public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
        enter("put", data);
        Map<String, byte[]> c = container(container);
        try {
            byte[] bytes = data.readAllBytes();
            c.put(key, bytes);
            return info(key, bytes);
        } catch (IOException e) {
            throw new StorageException(ErrorKind.INVALID_ARGUMENT, "stream failed: " + e.getMessage(), e);
        }
    }

    private static ObjectInfo info(String key, byte[] bytes) {
        return new ObjectInfo(key, bytes.length, "e" + bytes.length, "application/octet-stream", Instant.EPOCH, Map.of(), Map.of());
    }

    private byte[] object(String container, String key) {
        byte[] b = container(container).get(key);
        if (b == null) {
            throw new StorageException(ErrorKind.OBJECT_NOT_FOUND, "no object " + key);
        }
        return b;
    }

    @Override
    public ObjectContent get(String container, String key, GetOptions options) {
        enter("get", null);
        byte[] b = object(container, key);
        return new ObjectContent(info(key, b), null, new ByteArrayInputStream(b) {
            @Override
            public void close() {
                closedStreams.incrementAndGet();
            }
        });
    }

    /** Number of get streams closed. */
    public final AtomicInteger closedStreams = new AtomicInteger();

    @Override
    public ObjectInfo head(String container, String key, GetOptions options) {
        enter("head", null);
        return info(key, object(container, key));
    }

    @Override
    public void delete(String container, String key, CallContext context) {
        enter("delete", null);
        if (container(container).remove(key) == null) {
            throw new StorageException(ErrorKind.OBJECT_NOT_FOUND, "no object " + key);
        }
    }

    @Override
    public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
        enter("copy", null);
        byte[] b = object(sourceContainer, sourceKey);
        container(targetContainer).put(targetKey, b);
        return info(targetKey, b);
    }

    @Override
    public ListPage listPage(String container, ListRequest request) {
        enter("listPage", null);
        List<ObjectInfo> objects = new ArrayList<>();
        container(container).forEach((k, v) -> {
            if (k.startsWith(request.prefix())) {
                objects.add(info(k, v));
            }
        });
        return new ListPage(objects, List.of(), null);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Reads a put stream fully (helper for hooks). */
    public static byte[] drain(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
