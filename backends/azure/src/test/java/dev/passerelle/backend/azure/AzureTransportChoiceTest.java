package dev.passerelle.backend.azure;

import com.azure.core.http.HttpClient;
import dev.passerelle.api.spi.BackendSettings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transport per call whatever runs the backend (ADR 0011, 2026-12-03): the direct Put Blob and
 * Get Blob are chosen by the backend's settings alone, not by who supplies the SDK's HTTP client
 * (the gateway supplies Vert.x) nor by the authentication mode. Builds stores without sending a request.
 */
class AzureTransportChoiceTest {
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static boolean direct(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("type", "azure", "endpoint", "https://acct.blob.core.windows.net"));
        m.putAll(extra);
        try (AzureBlobStore store = (AzureBlobStore) new AzureBlobStoreProvider().create(new BackendSettings("choice", m))) {
            return store.usesDirectHttp();
        }
    }

    @Test
    void anApplicationSuppliedClientKeepsTheDirectCalls() {
        HttpClient jdk = AzureHttpClients.jdkDefault(java.time.Duration.ofSeconds(5));
        AzureHttpClients.use(settings -> jdk);
        try {
            assertTrue(direct(Map.of("account-name", "acct", "account-key", KEY)), "as in the gateway (Vert.x): direct");
        } finally {
            AzureHttpClients.use(null);
        }
        assertTrue(direct(Map.of("account-name", "acct", "account-key", KEY)), "as in the CLI (JDK client): direct");
    }

    @Test
    void everyAuthenticationModeIsDirect() {
        assertTrue(direct(Map.of("sas-token", "sv=2025-01-01&sig=abc")), "SAS");
        assertTrue(direct(Map.of("credential", "default")), "Entra ID");
    }

    @Test
    void directHttpFalseIsTheEscapeHatch() {
        assertFalse(direct(Map.of("account-name", "acct", "account-key", KEY, "direct-http", "false")));
    }
}
