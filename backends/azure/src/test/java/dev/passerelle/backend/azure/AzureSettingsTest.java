package dev.passerelle.backend.azure;

import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.BlobStoreProvider;
import dev.passerelle.api.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings are checked at start-up with one line naming the key; secrets never appear in messages. */
class AzureSettingsTest {
    private static final String SECRET = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";

    private static ConfigException fails(Map<String, String> settings) {
        Map<String, String> m = new HashMap<>(settings);
        m.put("type", "azure");
        ConfigException e = assertThrows(ConfigException.class, () -> new AzureBlobStoreProvider().create(new BackendSettings("blue", m)));
        assertFalse(e.getMessage().contains(SECRET), "no secret in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        return e;
    }

    @Test
    void theProviderIsFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(BlobStoreProvider.class).stream().anyMatch(p -> p.get().type().equals("azure")));
    }

    @Test
    void noAuthenticationModeNamesTheKeysToSet() {
        ConfigException e = fails(Map.of("endpoint", "https://acct.blob.core.windows.net"));
        assertEquals("passerelle.backends.blue.connection-string", e.key());
        assertTrue(e.getMessage().contains("sas-token") && e.getMessage().contains("credential=default"), e.getMessage());
    }

    @Test
    void twoAuthenticationModesAreRefused() {
        assertEquals("passerelle.backends.blue.endpoint",
                fails(Map.of("connection-string", "UseDevelopmentStorage=true", "endpoint", "https://a.blob.core.windows.net")).key());
        assertEquals("passerelle.backends.blue.sas-token", fails(Map.of("endpoint", "https://a.blob.core.windows.net",
                "account-name", "a", "account-key", SECRET, "sas-token", "sv=1&sig=" + SECRET)).key());
    }

    @Test
    void eachModeNeedsItsOwnKeys() {
        assertEquals("passerelle.backends.blue.account-name", fails(Map.of("endpoint", "https://a.blob.core.windows.net", "account-key", SECRET)).key());
        assertEquals("passerelle.backends.blue.endpoint", fails(Map.of("account-name", "a", "account-key", SECRET)).key());
        assertEquals("passerelle.backends.blue.credential", fails(Map.of("endpoint", "https://a.blob.core.windows.net", "credential", "managed")).key());
        ConfigException http = fails(Map.of("endpoint", "http://127.0.0.1:1/devstoreaccount1", "credential", "default"));
        assertEquals("passerelle.backends.blue.endpoint", http.key());
        assertTrue(http.getMessage().contains("https"), http.getMessage());
        assertEquals("passerelle.backends.blue.endpoint", fails(Map.of("endpoint", "not a url", "account-name", "a", "account-key", SECRET)).key());
        assertEquals("passerelle.backends.blue.sas-token", fails(Map.of("endpoint", "https://a.blob.core.windows.net", "sas-token", SECRET)).key());
    }

    @Test
    void aMalformedConnectionStringIsReportedWithoutQuotingIt() {
        assertEquals("passerelle.backends.blue.connection-string", fails(Map.of("connection-string", "AccountKey=" + SECRET + ";nonsense")).key());
    }

    @Test
    void secretsComeFromFiles(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("absent");
        assertEquals("passerelle.backends.blue.account-key-file", fails(Map.of("endpoint", "https://a.blob.core.windows.net",
                "account-name", "a", "account-key-file", missing.toString())).key());
        Path key = Files.writeString(dir.resolve("key"), SECRET + "\n");
        Map<String, String> ok = Map.of("type", "azure", "endpoint", "https://a.blob.core.windows.net", "account-name", "a",
                "account-key-file", key.toString());
        new AzureBlobStoreProvider().create(new BackendSettings("blue", ok)).close();
    }

    @Test
    void tuningValuesAreChecked() {
        String cs = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + SECRET + ";EndpointSuffix=core.windows.net";
        assertEquals("passerelle.backends.blue.block-size", fails(Map.of("connection-string", cs, "block-size", "5GiB")).key());
        assertEquals("passerelle.backends.blue.upload-concurrency", fails(Map.of("connection-string", cs, "upload-concurrency", "0")).key());
        assertEquals("passerelle.backends.blue.timeout", fails(Map.of("connection-string", cs, "timeout", "soon")).key());
        assertEquals("passerelle.backends.blue.read-resumes", fails(Map.of("connection-string", cs, "read-resumes", "11")).key());
    }

    @Test
    void theRemovedMaxTriesKeyStopsStartUpSayingWhatReplacesIt() {
        String cs = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + SECRET + ";EndpointSuffix=core.windows.net";
        ConfigException e = fails(Map.of("connection-string", cs, "max-tries", "3"));
        assertEquals("passerelle.backends.blue.max-tries", e.key());
        assertTrue(e.getMessage().contains("retry-max-attempts") && e.getMessage().contains("read-resumes"), e.getMessage());
    }
}
