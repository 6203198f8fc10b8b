package dev.passerelle.backend.azure;

import com.azure.storage.blob.BlobAsyncClient;
import com.azure.storage.blob.implementation.util.ModelHelper;
import com.azure.storage.blob.models.BlobDownloadAsyncResponse;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.DownloadRetryOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * One Get Blob request whose body is streamed (read-mode {@code stream}): the response's headers
 * are available as soon as it starts, the body is read through a {@link ResponseBodyStream}
 * (bounded memory, back-pressure, close = cancel). If the connection breaks mid-body, the SDK
 * resumes with a ranged request pinned to the first response's ETag (at most {@code read-resumes}
 * times), so a blob replaced meanwhile makes the stream fail instead of mixing versions.
 */
final class StreamedGet {
    private final BlobDownloadAsyncResponse response;
    private final AzureOptions options;

    private StreamedGet(BlobDownloadAsyncResponse response, AzureOptions options) {
        this.response = response;
        this.options = options;
    }

    /**
     * Sends the GET and waits for the response's headers (not its body).
     *
     * @param blob the blob
     * @param range the bytes to read, or null for the whole blob
     * @param conditions request conditions (e.g. If-Match pinning), or null
     * @param options timeout, retries, read buffer
     * @return the started download; close it or its {@link #body()}
     * @throws RuntimeException as the SDK throws it (the caller maps it)
     */
    static StreamedGet start(BlobAsyncClient blob, BlobRange range, BlobRequestConditions conditions, AzureOptions options) {
        // resumes of a body cut mid-way (ranged, pinned to the ETag), not retries of the request
        DownloadRetryOptions retries = new DownloadRetryOptions().setMaxRetryRequests(options.readResumes());
        // the HTTP client's own timeout applies to the one request; this bounds the wait for its headers
        Duration wait = options.timeout().plusSeconds(30);
        BlobDownloadAsyncResponse r;
        try {
            r = blob.downloadStreamWithResponse(range, retries, conditions, false).block(wait);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("Timeout")) {
                throw new StorageException(ErrorKind.UNAVAILABLE, null, "Azure did not answer a read within " + wait.toSeconds() + " s", true, e);
            }
            throw e;
        }
        if (r == null) {
            throw new StorageException(ErrorKind.UNAVAILABLE, null, "Azure sent no response to a read", true, null);
        }
        return new StreamedGet(r, options);
    }

    /** @return the properties of the version being served, from this response's headers */
    BlobProperties properties() {
        return ModelHelper.buildBlobPropertiesResponse(response).getValue();
    }

    /** @return the body as a stream; closing it cancels the transfer. Call at most once. */
    InputStream body() {
        return new ResponseBodyStream(response.getValue(), options.readBuffer(), options.timeout());
    }

    /** Abandons the body without reading it: the transfer is cancelled and the connection released. */
    void discard() {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // nothing was read; the connection is closed either way
        }
    }
}
