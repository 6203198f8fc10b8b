package dev.passerelle.core.decorators;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.core.FakeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The METRICS layer: one measurement per call with its outcome, downloads timed until closed, bytes counted. */
class MeteringBlobStoreTest {
    private final CallContext ctx = CallContext.of("t");
    private final List<String> seen = new CopyOnWriteArrayList<>();
    /** A clock that moves 1 ms per reading. */
    private final AtomicLong now = new AtomicLong();
    private FakeStore fake;
    private MeteringBlobStore store;

    @BeforeEach
    void setUp() {
        fake = new FakeStore("f");
        fake.containers.put("box", new java.util.concurrent.ConcurrentSkipListMap<>());
        fake.containers.get("box").put("k", new byte[] {1, 2, 3, 4, 5});
        StoreMetrics metrics = new StoreMetrics() {
            @Override
            public void finished(String backend, String operation, String outcome, long nanos) {
                seen.add(backend + " " + operation + " " + outcome);
            }

            @Override
            public void opened(String backend, String operation, long nanos) {
                seen.add(backend + " " + operation + " opened");
            }

            @Override
            public void bytesIn(String backend, String operation, long bytes) {
                seen.add(backend + " " + operation + " in " + bytes);
            }

            @Override
            public void bytesOut(String backend, String operation, long bytes) {
                seen.add(backend + " " + operation + " out " + bytes);
            }
        };
        store = new MeteringBlobStore(fake, metrics, "disk", () -> now.addAndGet(1_000_000));
    }

    @Test
    void aPutCountsTheBytesReadFromTheCallerAndItsOutcome() {
        store.put("box", "n", new ByteArrayInputStream(new byte[7]), 7, PutOptions.defaults());
        assertEquals(List.of("disk put_object ok", "disk put_object in 7"), seen);
        seen.clear();
        assertThrows(StorageException.class, () -> store.put("nowhere", "n", new ByteArrayInputStream(new byte[3]), 3, PutOptions.defaults()));
        assertEquals("disk put_object " + ErrorKind.CONTAINER_NOT_FOUND.code(), seen.get(0));
    }

    @Test
    void aDownloadReadToItsEndIsOkWhenClosed() throws IOException {
        ObjectContent c = store.get("box", "k", GetOptions.of(ctx));
        assertEquals(List.of("disk get_object opened"), seen, "time to first byte when get returns; the call is not over");
        c.stream().readAllBytes();
        c.close();
        c.close();
        assertEquals(List.of("disk get_object opened", "disk get_object out 5", "disk get_object ok"), seen, "recorded once, on close");
    }

    @Test
    void aDownloadClosedAfterItsFirstByteIsAbortedAndOneClosedUnreadIsOk() throws IOException {
        try (ObjectContent c = store.get("box", "k", GetOptions.of(ctx))) {
            c.stream().read();
        }
        assertEquals(List.of("disk get_object opened", "disk get_object out 1", "disk get_object aborted"), seen);
        seen.clear();
        store.get("box", "k", GetOptions.of(ctx)).close();
        assertEquals(List.of("disk get_object opened", "disk get_object out 0", "disk get_object ok"), seen,
                "the caller chose not to read (a 304): the store did its part");
    }

    @Test
    void aFailureToOpenIsCountedWithItsCode() {
        assertThrows(StorageException.class, () -> store.get("box", "missing", GetOptions.of(ctx)));
        assertEquals(List.of("disk get_object " + ErrorKind.OBJECT_NOT_FOUND.code()), seen);
        seen.clear();
        fake.hook = (op, data) -> {
            throw new IllegalStateException("bug");
        };
        assertThrows(IllegalStateException.class, () -> store.head("box", "k", GetOptions.of(ctx)));
        assertEquals(List.of("disk head_object internal_error"), seen);
    }

    @Test
    void everyOperationHasItsName() {
        store.createContainer("other", ctx);
        store.containerExists("other", ctx);
        store.listPage("other", dev.passerelle.api.ListRequest.all().withContext(ctx));
        store.delete("box", "k", ctx);
        store.deleteContainer("other", ctx);
        store.listContainers(ctx);
        assertEquals(List.of("disk create_bucket ok", "disk bucket_exists ok", "disk list_objects ok", "disk delete_object ok",
                "disk delete_bucket ok", "disk list_containers ok"), seen);
    }
}
