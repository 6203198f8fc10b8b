package dev.passerelle.core.decorators;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.FakeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.util.concurrent.ConcurrentSkipListMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlyBlobStoreTest {
    private final CallContext ctx = CallContext.of("t");
    private FakeStore fake;
    private ReadOnlyBlobStore store;

    @BeforeEach
    void setUp() {
        fake = new FakeStore("f");
        fake.containers.put("box", new ConcurrentSkipListMap<>());
        fake.containers.get("box").put("k", new byte[] {7});
        store = new ReadOnlyBlobStore(fake, "box");
    }

    private void refused(Executable call, String container, String key) {
        StorageException e = assertThrows(StorageException.class, call);
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        assertEquals("read_only", e.code());
        assertFalse(e.retryable());
        assertEquals(container, e.container());
        assertEquals(key, e.key());
    }

    @Test
    void everyWriteAndDeleteIsRefusedAndNothingReachesTheBackend() {
        ByteArrayInputStream data = new ByteArrayInputStream(new byte[] {1, 2, 3});
        refused(() -> store.put("box", "new", data, 3, PutOptions.defaults()), "box", "new");
        assertEquals(3, data.available(), "a refused put does not read its stream");
        refused(() -> store.delete("box", "k", ctx), "box", "k");
        refused(() -> store.copy("box", "k", "box", "k2", CopyOptions.defaults()), "box", "k2");
        refused(() -> store.createContainer("other", ctx), "other", null);
        refused(() -> store.deleteContainer("box", ctx), "box", null);
        assertEquals(0, fake.calls("put") + fake.calls("delete") + fake.calls("copy") + fake.calls("createContainer") + fake.calls("deleteContainer"));
        assertArrayEquals(new byte[] {7}, fake.containers.get("box").get("k"));
    }

    @Test
    void readsPassThrough() {
        try (ObjectContent c = store.get("box", "k", GetOptions.defaults())) {
            assertArrayEquals(new byte[] {7}, FakeStore.drain(c.stream()));
        }
        assertEquals(1, store.head("box", "k", GetOptions.defaults()).size());
        assertEquals(1, store.listPage("box", ListRequest.all()).objects().size());
        assertTrue(store.containerExists("box", ctx));
        assertEquals(1, store.listContainers(ctx).size());
    }

    @Test
    void capabilitiesSayNotWritableAndKeepTheRest() {
        assertFalse(store.capabilities().writable());
        assertTrue(fake.capabilities().writable());
        assertEquals(fake.capabilities().toBuilder().writable(false).build(), store.capabilities());
    }
}
