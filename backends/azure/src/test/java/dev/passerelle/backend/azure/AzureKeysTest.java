package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListOrder;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The awkward keys of the kit's keysWithAwkwardCharactersRoundTrip, except the backslash (which Azure
 * turns into '/'), plus the refusal of backslash keys before anything is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureKeysTest {
    private AzuriteFixture azurite;
    private BlobStore store;

    @BeforeAll
    void start() {
        azurite = AzuriteFixture.start();
        store = azurite.store("az-keys", Map.of());
        store.createContainer("keys", null);
    }

    @AfterAll
    void stop() {
        if (store != null) {
            store.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void awkwardKeysRoundTripExactly() throws Exception {
        List<String> keys = new ArrayList<>(List.of("with space", "two  spaces ", "percent%2Fencoded", "percent%", "%25", "plus+sign", "hash#tag",
                "question?mark&x=1", "quote\"s'", "colon:semi;comma,", "star*pipe|lt<gt>", "brackets[]{}()", "tilde~caret^`",
                "équipe/ünïcödé/ключ/鍵", "emoji \uD83D\uDE00", "fullwidth\uFF01", "trailing-dot.", "-leading-dash", "=equals", "@at", "$dollar"));
        for (String k : keys) {
            store.put("keys", k, new ByteArrayInputStream(k.getBytes(StandardCharsets.UTF_8)), -1, PutOptions.defaults());
        }
        for (String k : keys) {
            try (ObjectContent c = store.get("keys", k, GetOptions.defaults())) {
                assertArrayEquals(k.getBytes(StandardCharsets.UTF_8), c.stream().readAllBytes(), k);
                assertEquals(k, c.info().key());
            }
        }
        keys.sort(ListOrder.UTF16.comparator());
        assertEquals(keys, store.list("keys", ListRequest.all().withPageSize(5)).objects().map(ObjectInfo::key).toList());
        for (String k : keys) {
            store.delete("keys", k, null);
        }
        assertEquals(0, store.listPage("keys", ListRequest.all()).size());
    }

    @Test
    void backslashKeysAreRefusedBeforeAnythingIsStored() {
        StorageException e = assertThrows(StorageException.class,
                () -> store.put("keys", "back\\slash", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.defaults()));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("invalid_key", e.code());
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(StorageException.class,
                () -> store.head("keys", "back\\slash", GetOptions.defaults())).kind());
        assertEquals(ErrorKind.OBJECT_NOT_FOUND, assertThrows(StorageException.class,
                () -> store.head("keys", "back/slash", GetOptions.defaults())).kind(), "nothing was stored under the canonical name either");
    }
}
