package dev.passerelle.backend.azure;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.StorageException;

import java.time.Duration;

/**
 * Server-side copy within the account (Azure's Copy Blob): the bytes never pass through Passerelle,
 * and Azure copies content type, Content-MD5 and metadata, hence user metadata and Passerelle's
 * checksums. Source conditions are evaluated by Passerelle on the source's properties, then the
 * copy is pinned to that source ETag.
 */
final class ServerSideCopier {
    private static final Duration POLL = Duration.ofMillis(250);

    private final AzureErrors errors;
    private final AzureOptions options;
    private final ObjectReader reader;
    private final String sasToken;

    /**
     * @param errors the backend's error mapper
     * @param options copy timeout
     * @param reader reads the source's and the copy's properties
     * @param sasToken the SAS token to authorise the source URL with (SAS mode), or null
     */
    ServerSideCopier(AzureErrors errors, AzureOptions options, ObjectReader reader, String sasToken) {
        this.errors = errors;
        this.options = options;
        this.reader = reader;
        this.sasToken = sasToken;
    }

    /**
     * @return the copy's info
     * @throws StorageException CONTAINER_NOT_FOUND, OBJECT_NOT_FOUND, PRECONDITION_FAILED, host failures
     */
    ObjectInfo copy(BlobClient source, String sourceContainer, String sourceKey, BlobClient target, String targetContainer,
                    String targetKey, CopyOptions copy) {
        ObjectInfo src = reader.properties(source, sourceContainer, sourceKey);
        try {
            copy.sourceConditions().checkRead(src);
        } catch (StorageException e) {
            throw (e.kind() == ErrorKind.NOT_MODIFIED
                    ? new StorageException(ErrorKind.PRECONDITION_FAILED, "copy source: " + e.detail(), e) : e)
                    .withBackend(errors.backend()).withLocation(sourceContainer, sourceKey);
        }
        String url = source.getBlobUrl() + (sasToken == null ? "" : "?" + sasToken);
        try {
            BlobBeginCopyOptions o = new BlobBeginCopyOptions(url)
                    .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions().setIfMatch("\"" + src.etag() + "\""))
                    .setPollInterval(POLL);
            SyncPoller<BlobCopyInfo, Void> poller = target.beginCopy(o);
            PollResponse<BlobCopyInfo> done = poller.waitForCompletion(options.copyTimeout());
            if (done.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
                BlobCopyInfo info = done.getValue();
                CopyStatusType status = info == null ? null : info.getCopyStatus();
                if (status == CopyStatusType.PENDING) {
                    poller.cancelOperation();
                    throw new StorageException(ErrorKind.TIMEOUT, null, "server-side copy did not finish within " + options.copyTimeout()
                            + "; it was aborted", true, null);
                }
                throw new StorageException(ErrorKind.UNAVAILABLE, null, "server-side copy ended with status " + status
                        + (info == null || info.getError() == null ? "" : " (" + info.getError() + ")"), true, null);
            }
        } catch (RuntimeException e) {
            throw errors.map(e, AzureErrors.Op.COPY, targetContainer, targetKey);
        }
        return reader.properties(target, targetContainer, targetKey);
    }
}
