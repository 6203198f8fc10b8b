package dev.passerelle.backend.azure;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Lists a container one page at a time, flat or hierarchical (with a delimiter), in Azure's order
 * (UTF-16 code units, i.e. {@link String#compareTo}).
 *
 * <p>Start-after is implemented by Passerelle, not trusted to the host: Azure's {@code startFrom}
 * (inclusive) is sent to skip ahead where the service honours it, and every entry up to and
 * including the start-after name is filtered out here too, so the result is correct whether or not
 * the host (e.g. Azurite) ignores {@code startFrom}. A page of ours holds at most {@code pageSize}
 * entries and may span or split Azure's pages; see {@link ListToken}.
 */
final class AzureLister {
    private static final int SKIP_FETCH = ListRequest.MAX_PAGE_SIZE;

    private final AzureOptions options;

    /** @param options timeouts */
    AzureLister(AzureOptions options) {
        this.options = options;
    }

    /**
     * @param client the container's client
     * @param request the request (validated)
     * @return one page
     */
    ListPage page(BlobContainerClient client, ListRequest request) {
        ListToken token = request.continuationToken() == null ? new ListToken(null, null) : ListToken.decode(request.continuationToken());
        String skipUpTo = max(token.lastName(), request.startAfter());
        String marker = token.marker();
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = token.lastName();
        boolean previousAllSkipped = false;
        while (true) {
            int remaining = request.pageSize() - objects.size() - prefixes.size();
            int fetch = previousAllSkipped ? Math.max(remaining, SKIP_FETCH) : remaining;
            PagedResponse<BlobItem> azurePage = fetch(client, request, marker, fetch);
            boolean anyKept = false;
            for (BlobItem item : azurePage.getValue()) {
                String name = item.getName();
                if (skipUpTo != null && name.compareTo(skipUpTo) <= 0) {
                    continue;
                }
                if (objects.size() + prefixes.size() == request.pageSize()) {
                    // our page is full in the middle of Azure's: resume at this Azure page, after `last`
                    return new ListPage(objects, prefixes, new ListToken(marker, last).encode());
                }
                if (Boolean.TRUE.equals(item.isPrefix())) {
                    prefixes.add(name);
                } else {
                    objects.add(AzureObjects.info(item));
                }
                last = name;
                anyKept = true;
            }
            previousAllSkipped = !anyKept;
            String next = azurePage.getContinuationToken();
            if (next == null || next.isEmpty()) {
                return new ListPage(objects, prefixes, null);
            }
            marker = next;
            if (objects.size() + prefixes.size() == request.pageSize()) {
                return new ListPage(objects, prefixes, new ListToken(marker, last).encode());
            }
        }
    }

    private PagedResponse<BlobItem> fetch(BlobContainerClient client, ListRequest request, String marker, int maxResults) {
        ListBlobsOptions o = new ListBlobsOptions()
                .setDetails(new BlobListDetails().setRetrieveMetadata(true))
                .setMaxResultsPerPage(maxResults);
        if (!request.prefix().isEmpty()) {
            o.setPrefix(request.prefix());
        }
        if (request.startAfter() != null && marker == null) {
            o.setStartFrom(request.startAfter());
        }
        PagedIterable<BlobItem> items = request.delimiter() == null
                ? client.listBlobs(o, marker, options.timeout())
                : client.listBlobsByHierarchy(request.delimiter(), o, options.timeout());
        Iterator<PagedResponse<BlobItem>> pages = items.iterableByPage(marker, maxResults).iterator();
        return pages.next();
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
