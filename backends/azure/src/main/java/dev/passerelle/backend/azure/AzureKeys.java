package dev.passerelle.backend.azure;

import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;

import java.time.Duration;

/** The keys of backend type {@code azure}, under {@code passerelle.backends.<name>.}. */
final class AzureKeys {
    private static final String P = BackendKeys.PREFIX;

    static final ConfigKey<String> CONNECTION_STRING = ConfigKey.string(P + "connection-string").markSecret()
            .help("Authentication mode 1: an Azure Storage connection string.");
    static final ConfigKey<String> ENDPOINT = ConfigKey.string(P + "endpoint")
            .help("Modes 2 to 4: the blob service URL, e.g. `https://ACCOUNT.blob.core.windows.net` (https for `credential=default`).");
    static final ConfigKey<String> ACCOUNT_NAME = ConfigKey.string(P + "account-name").help("Mode 2 (shared key): the storage account.");
    static final ConfigKey<String> ACCOUNT_KEY = ConfigKey.string(P + "account-key").markSecret().help("Mode 2 (shared key): the account key.");
    static final ConfigKey<String> SAS_TOKEN = ConfigKey.string(P + "sas-token").markSecret()
            .help("Mode 3: an account SAS (at least r,w,d,l,a,c on the blob service, resource types s,c,o), with or without the leading `?`.");
    static final ConfigKey<String> CREDENTIAL = ConfigKey.choice(P + "credential", "default")
            .help("Mode 4: `default` uses azure-identity's DefaultAzureCredential (Microsoft Entra ID, managed identity in production).");
    static final ConfigKey<String> MANAGED_IDENTITY_CLIENT_ID = ConfigKey.string(P + "managed-identity-client-id")
            .help("Mode 4, optional: a user-assigned managed identity.");
    static final ConfigKey<String> TENANT_ID = ConfigKey.string(P + "tenant-id").help("Mode 4, optional: the Entra ID tenant.");
    static final ConfigKey<Long> BLOCK_SIZE = ConfigKey.size(P + "block-size").defaultValue("8MiB")
            .help("Smallest block of an upload (64KiB..4000MiB).");
    static final ConfigKey<Integer> UPLOAD_CONCURRENCY = ConfigKey.integer(P + "upload-concurrency").defaultValue("4")
            .help("Blocks of one upload held / in flight at once (1..64).");
    static final ConfigKey<String> READ_MODE = ConfigKey.choice(P + "read-mode", "auto", "stream", "blocks").defaultValue("auto")
            .help("`stream`: a GET is ONE Get Blob request whose body is streamed; `blocks`: one request per `read-block-size`; "
                    + "`auto`: `stream` when the HTTP client honours back-pressure, else `blocks`.");
    static final ConfigKey<Long> READ_BUFFER = ConfigKey.size(P + "read-buffer").defaultValue("2MiB")
            .help("The most bytes a streamed read holds unread (64KiB..64MiB).");
    static final ConfigKey<Long> READ_BLOCK_SIZE = ConfigKey.size(P + "read-block-size").defaultValue("4MiB")
            .help("Bytes fetched per request in `blocks` mode (64KiB..256MiB).");
    /** Removed (ADR 0018): still declared so that setting it stops start-up with what replaced it. */
    static final ConfigKey<Integer> MAX_TRIES = ConfigKey.integer(P + "max-tries")
            .help("No longer a setting (setting it stops start-up): the attempts of a call are `retry-max-attempts` (core's one retry layer), "
                    + "the resumes of a read cut mid-body are `read-resumes` (docs/retries.md).");
    static final ConfigKey<Integer> READ_RESUMES = ConfigKey.integer(P + "read-resumes").defaultValue("2")
            .help("How many times a read cut mid-body resumes with a ranged request pinned to the first answer's ETag, 0..10 (a replaced blob fails the read).");
    static final ConfigKey<Duration> COPY_TIMEOUT = ConfigKey.duration(P + "copy-timeout").defaultValue("10m")
            .help("How long a server-side copy may run before it is aborted (`TIMEOUT`).");
    static final ConfigKey<Boolean> DIRECT_HTTP = ConfigKey.bool(P + "direct-http").defaultValue("true")
            .help("Single-shot uploads (Put Blob) and whole-object reads (Get Blob) bypass the SDK's pipeline (ADR 0011); "
                    + "`false` sends every call through the SDK.");

    static final ConfigKeys DECLARATION = ConfigKeys.of("backend-azure", "Azure Blob Storage backend (`type=azure`)",
            "Choose exactly ONE authentication mode: 1. `connection-string`; 2. `endpoint` + `account-name` + `account-key`; "
                    + "3. `endpoint` + `sas-token`; 4. `endpoint` + `credential=default`.",
            CONNECTION_STRING, ENDPOINT, ACCOUNT_NAME, ACCOUNT_KEY, SAS_TOKEN, CREDENTIAL, MANAGED_IDENTITY_CLIENT_ID, TENANT_ID,
            BLOCK_SIZE, UPLOAD_CONCURRENCY, READ_MODE, READ_BUFFER, READ_BLOCK_SIZE, MAX_TRIES, READ_RESUMES, COPY_TIMEOUT, DIRECT_HTTP);

    private AzureKeys() {
    }
}
