package dev.passerelle.backend.azure;

import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.testservers.AzuriteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication modes against a real Azurite: shared key (right and wrong), SAS tokens, the HTTP client seam. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureAuthTest {
    private AzuriteFixture azurite;
    private BlobServiceClient raw;

    @BeforeAll
    void start() {
        azurite = AzuriteFixture.start();
        raw = azurite.rawClient();
    }

    @AfterAll
    void stop() {
        if (azurite != null) {
            azurite.close();
        }
    }

    private String sas(String permissions) {
        AccountSasSignatureValues v = new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1), AccountSasPermission.parse(permissions),
                AccountSasService.parse("b"), AccountSasResourceType.parse("sco"));
        return raw.generateAccountSas(v);
    }

    @Test
    void aWrongAccountKeyIsBackendAuthFailedNamingTheBackend() {
        byte[] bytes = new byte[64];
        new Random(9).nextBytes(bytes);
        String wrongKey = Base64.getEncoder().encodeToString(bytes);
        try (BlobStore store = azurite.storeWith("tenant-blue", Map.of("endpoint", azurite.server().endpoint(),
                "account-name", AzuriteServer.ACCOUNT, "account-key", wrongKey))) {
            for (Runnable call : new Runnable[] {
                () -> store.listContainers(null),
                () -> store.createContainer("wrong-key", null),
                () -> store.put("wrong-key", "k", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.defaults()),
                () -> store.head("wrong-key", "k", GetOptions.defaults()),
                store::checkHealth}) {
                StorageException e = assertThrows(StorageException.class, call::run);
                assertEquals(ErrorKind.BACKEND_AUTH_FAILED, e.kind(), e.getMessage());
                assertFalse(e.retryable());
                assertEquals("tenant-blue", e.backend());
                assertTrue(e.getMessage().contains("tenant-blue"), e.getMessage());
                assertFalse(e.getMessage().contains(wrongKey), "the key never appears in messages");
            }
        }
    }

    @Test
    void theRightAccountKeyWorks() {
        try (BlobStore store = azurite.storeWith("shared-key", Map.of("endpoint", azurite.server().endpoint(),
                "account-name", AzuriteServer.ACCOUNT, "account-key", AzuriteServer.KEY))) {
            store.createContainer("shared-key", null);
            store.put("shared-key", "k", new ByteArrayInputStream(new byte[] {1, 2}), 2, PutOptions.defaults());
            assertEquals(2, store.head("shared-key", "k", GetOptions.defaults()).size());
        }
    }

    @Test
    void aSasTokenConfigurationWorksIncludingServerSideCopy() throws Exception {
        try (BlobStore store = azurite.storeWith("sas", Map.of("endpoint", azurite.server().endpoint(), "sas-token", "?" + sas("rwdlac")));
             BlobStore small = azurite.storeWith("sas-blocks", Map.of("endpoint", azurite.server().endpoint(), "sas-token", sas("rwdlac"),
                "block-size", "64KiB", "upload-concurrency", "2"))) {
            store.createContainer("sas-a", null);
            store.createContainer("sas-b", null);
            byte[] body = new byte[300_000];
            new Random(3).nextBytes(body);
            ObjectInfo put = small.put("sas-a", "dir/obj", new ByteArrayInputStream(body), -1, PutOptions.builder().userMetadata(Map.of("who", "sas")).build());
            try (ObjectContent c = store.get("sas-a", "dir/obj", GetOptions.defaults())) {
                assertArrayEquals(body, c.stream().readAllBytes());
            }
            assertEquals("dir/obj", store.listPage("sas-a", ListRequest.all()).objects().get(0).key());
            ObjectInfo copy = store.copy("sas-a", "dir/obj", "sas-b", "copied", CopyOptions.defaults());
            assertEquals(put.passerelleSha256(), copy.passerelleSha256(), "the copy keeps Passerelle's checksums");
            assertEquals(Map.of("who", "sas"), copy.userMetadata());
            store.delete("sas-a", "dir/obj", null);
            store.delete("sas-b", "copied", null);
            store.deleteContainer("sas-a", null);
            store.deleteContainer("sas-b", null);
        }
    }

    @Test
    void aReadOnlySasRefusesWritesAsBackendAuthFailed() {
        raw.createBlobContainer("sas-ro");
        try (BlobStore store = azurite.storeWith("sas-ro", Map.of("endpoint", azurite.server().endpoint(), "sas-token", sas("rl")))) {
            assertTrue(store.containerExists("sas-ro", null));
            StorageException e = assertThrows(StorageException.class,
                    () -> store.put("sas-ro", "k", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.defaults()));
            assertEquals(ErrorKind.BACKEND_AUTH_FAILED, e.kind(), e.getMessage());
        }
    }

    @Test
    void anEmbeddingApplicationSuppliesTheHttpClient() {
        AtomicInteger requests = new AtomicInteger();
        HttpClient jdk = AzureHttpClients.jdkDefault(java.time.Duration.ofSeconds(30));
        AzureHttpClients.use(settings -> settings.name().equals("seam") ? request -> {
            requests.incrementAndGet();
            return jdk.send(request);
        } : null);
        try (BlobStore store = azurite.store("seam", Map.of())) {
            store.createContainer("seam", null);
            assertTrue(store.containerExists("seam", null));
            assertTrue(requests.get() >= 2, "requests went through the supplied client: " + requests.get());
        } finally {
            AzureHttpClients.use(null);
        }
        int before = requests.get();
        try (BlobStore store = azurite.store("after-reset", Map.of())) {
            store.containerExists("seam", null);
        }
        assertEquals(before, requests.get(), "after use(null) the JDK default is used again");
    }
}
