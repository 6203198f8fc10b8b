package dev.passerelle.backend.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceAsyncClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Builds the Azure {@link BlobServiceClient} of one backend from its settings, in exactly one of
 * four authentication modes:
 * <ol>
 *   <li>{@code connection-string};</li>
 *   <li>{@code endpoint} + {@code account-name} + {@code account-key} (Shared Key);</li>
 *   <li>{@code endpoint} + {@code sas-token};</li>
 *   <li>{@code endpoint} + {@code credential=default} (Microsoft Entra ID through azure-identity's
 *   default chain; optional {@code managed-identity-client-id}).</li>
 * </ol>
 * Secrets may be given as {@code <key>-file}. No secret is ever put into a message.
 */
final class AzureClientFactory {
    /** How the backend authenticates. */
    enum AuthMode { CONNECTION_STRING, SHARED_KEY, SAS_TOKEN, DEFAULT_CREDENTIAL }

    /**
     * A built client.
     *
     * @param service the service client
     * @param asyncService the asynchronous client on the same pipeline, used for streamed reads
     * @param mode how it authenticates
     * @param sasToken the SAS token (without '?') in SAS mode, else null: appended to copy-source URLs
     * @param credential the Entra ID credential in {@code credential=default} mode, else null: the
     *                   direct calls take their bearer tokens from it, as the SDK's pipeline does
     */
    record Connection(BlobServiceClient service, BlobServiceAsyncClient asyncService, AuthMode mode, String sasToken,
                      TokenCredential credential) {
        @Override
        public String toString() {
            return "Connection[" + service.getAccountUrl() + ", " + mode + "]";
        }
    }

    private static final List<ConfigKey<String>> ENDPOINT_MODE_KEYS = List.of(AzureKeys.ENDPOINT, AzureKeys.ACCOUNT_NAME,
            AzureKeys.ACCOUNT_KEY, AzureKeys.SAS_TOKEN, AzureKeys.CREDENTIAL);

    private AzureClientFactory() {
    }

    /**
     * @param s the backend's settings
     * @param options its tuning options
     * @param httpClient the HTTP client to build on
     * @return the connection
     * @throws ConfigException naming the key at fault
     */
    static Connection create(BackendSettings s, AzureOptions options, HttpClient httpClient) {
        BlobServiceClientBuilder b = new BlobServiceClientBuilder()
                .httpClient(httpClient)
                // one try per request: a call is retried by core's call layer, and only there (docs/retries.md)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, (Duration) null, null, null, null))
                .addPolicy(BufferedErrorAnswers.POLICY);
        AuthMode mode = mode(s);
        String sas = null;
        TokenCredential token = null;
        switch (mode) {
            case CONNECTION_STRING -> {
                String cs = s.requireSecret(AzureKeys.CONNECTION_STRING);
                try {
                    b.connectionString(cs);
                } catch (RuntimeException e) {
                    // the SDK's message may quote the string: never pass it on
                    throw new ConfigException(s.fullKey("connection-string"), "not a valid Azure Storage connection string");
                }
            }
            case SHARED_KEY -> {
                String endpoint = endpoint(s, false);
                String account = s.get(AzureKeys.ACCOUNT_NAME);
                String key = s.requireSecret(AzureKeys.ACCOUNT_KEY);
                b.endpoint(endpoint).credential(new StorageSharedKeyCredential(account, key));
            }
            case SAS_TOKEN -> {
                String endpoint = endpoint(s, false);
                sas = s.requireSecret(AzureKeys.SAS_TOKEN);
                if (sas.startsWith("?")) {
                    sas = sas.substring(1);
                }
                if (!sas.contains("sig=")) {
                    throw new ConfigException(s.fullKey("sas-token"), "not a SAS token (no sig= parameter)");
                }
                b.endpoint(endpoint).sasToken(sas);
            }
            case DEFAULT_CREDENTIAL -> {
                String endpoint = endpoint(s, true);
                DefaultAzureCredentialBuilder cred = new DefaultAzureCredentialBuilder().httpClient(httpClient);
                s.find(AzureKeys.MANAGED_IDENTITY_CLIENT_ID).ifPresent(cred::managedIdentityClientId);
                s.find(AzureKeys.TENANT_ID).ifPresent(cred::tenantId);
                token = cred.build();
                b.endpoint(endpoint).credential(token);
            }
            default -> throw new IllegalStateException(mode.toString());
        }
        try {
            return new Connection(b.buildClient(), b.buildAsyncClient(), mode, sas, token);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(s.fullKey(mode == AuthMode.CONNECTION_STRING ? "connection-string" : "endpoint"),
                    "cannot build an Azure client from these settings (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @return the one authentication mode the settings choose
     * @throws ConfigException when none or several are configured
     */
    static AuthMode mode(BackendSettings s) {
        boolean cs = s.isSet(AzureKeys.CONNECTION_STRING);
        if (cs) {
            for (ConfigKey<String> k : ENDPOINT_MODE_KEYS) {
                if (s.isSet(k)) {
                    throw new ConfigException(s.setName(k), "not used together with connection-string: choose one authentication mode");
                }
            }
            return AuthMode.CONNECTION_STRING;
        }
        boolean key = s.isSet(AzureKeys.ACCOUNT_KEY);
        boolean sas = s.isSet(AzureKeys.SAS_TOKEN);
        boolean cred = s.isSet(AzureKeys.CREDENTIAL);
        int count = (key ? 1 : 0) + (sas ? 1 : 0) + (cred ? 1 : 0);
        if (count == 0) {
            throw new ConfigException(s.fullKey("connection-string"),
                    "missing setting: set connection-string, or endpoint with one of account-key, sas-token or credential=default");
        }
        if (count > 1) {
            throw new ConfigException(s.fullKey(sas ? "sas-token" : "credential"),
                    "choose one authentication mode: account-key, sas-token or credential=default");
        }
        if (cred) {
            s.get(AzureKeys.CREDENTIAL);
            return AuthMode.DEFAULT_CREDENTIAL;
        }
        return key ? AuthMode.SHARED_KEY : AuthMode.SAS_TOKEN;
    }

    private static String endpoint(BackendSettings s, boolean httpsOnly) {
        String e = s.get(AzureKeys.ENDPOINT);
        try {
            URI u = new URI(e);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
                throw new ConfigException(s.fullKey("endpoint"), "expected an http(s) URL such as https://ACCOUNT.blob.core.windows.net, got '" + e + "'");
            }
            if (u.getQuery() != null) {
                throw new ConfigException(s.fullKey("endpoint"), "must not hold a query string (put a SAS token in sas-token)");
            }
            if (httpsOnly && !scheme.equals("https")) {
                throw new ConfigException(s.fullKey("endpoint"), "credential=default sends bearer tokens, which Azure accepts only over https");
            }
        } catch (URISyntaxException ex) {
            throw new ConfigException(s.fullKey("endpoint"), "not a valid URL: '" + e + "'");
        }
        return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }
}
