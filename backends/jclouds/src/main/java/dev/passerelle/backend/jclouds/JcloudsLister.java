package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.spi.support.ContinuationTokens;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One page of a listing through jclouds: prefix, delimiter (or a flat, recursive listing), page
 * size, and a marker that is the caller's start-after on the first page and jclouds' next marker
 * afterwards. Keys come back in the provider's order (declared in the backend's capabilities).
 */
final class JcloudsLister {
    /** Wraps jclouds' listing marker; the {@code jc.} prefix is part of the tokens callers hold. */
    private static final ContinuationTokens TOKENS = new ContinuationTokens("jc.");

    private final BlobStore blobs;
    private final JcloudsErrors errors;

    JcloudsLister(BlobStore blobs, JcloudsErrors errors) {
        this.blobs = blobs;
        this.errors = errors;
    }

    /**
     * @param container the container to list
     * @param request the request
     * @param requireContainer throws CONTAINER_NOT_FOUND when the container is missing (some
     *                         providers list a missing container as empty)
     * @return the page
     */
    ListPage page(String container, ListRequest request, Consumer<String> requireContainer) {
        try {
            String marker = request.continuationToken() != null ? TOKENS.decode(request.continuationToken()) : request.startAfter();
            ListContainerOptions options = new ListContainerOptions().maxResults(request.pageSize());
            if (!request.prefix().isEmpty()) {
                options.prefix(request.prefix());
            }
            if (request.delimiter() != null) {
                options.delimiter(request.delimiter());
            } else {
                options.recursive();
            }
            if (marker != null) {
                options.afterMarker(marker);
            }
            List<ObjectInfo> objects = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            String next;
            do {
                // a page may hold only entries that are not Passerelle objects (directories): fetch on
                PageSet<? extends StorageMetadata> page = blobs.list(container, options);
                for (StorageMetadata md : page) {
                    collect(md, request.delimiter(), objects, prefixes);
                }
                next = page.getNextMarker();
                if (next != null) {
                    options.afterMarker(next);
                }
            } while (objects.isEmpty() && prefixes.isEmpty() && next != null);
            if (next != null && objects.size() + prefixes.size() >= request.pageSize() && isEmpty(container, options)) {
                next = null; // Swift has no truncation flag: jclouds announces a next page whenever a page is full
            }
            if (objects.isEmpty() && prefixes.isEmpty() && marker == null) {
                requireContainer.accept(container);
            }
            return new ListPage(objects, prefixes, TOKENS.encode(next));
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
        }
    }

    /** @return whether nothing follows the marker {@code options} now hold */
    private boolean isEmpty(String container, ListContainerOptions options) {
        return blobs.list(container, options.clone().maxResults(1)).isEmpty();
    }

    /**
     * Sorts one entry: blobs are objects; RELATIVE_PATH entries are common prefixes; FOLDER entries
     * (directories of the filesystem provider, directory markers elsewhere) are common prefixes when
     * they end with the delimiter, and skipped otherwise: the objects under them are listed.
     */
    private static void collect(StorageMetadata md, String delimiter, List<ObjectInfo> objects, List<String> prefixes) {
        if (md.getType() == StorageType.BLOB) {
            objects.add(JcloudsObjects.fromListing(md));
        } else if (md.getType() == StorageType.RELATIVE_PATH
                || (md.getType() == StorageType.FOLDER && delimiter != null && md.getName().endsWith(delimiter))) {
            String prefix = commonPrefix(md.getName(), delimiter);
            if (!prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
        }
    }

    /** jclouds' S3 API drops the trailing delimiter of common prefixes; a common prefix always ends with it. */
    private static String commonPrefix(String name, String delimiter) {
        if (delimiter == null || name.endsWith(delimiter)) {
            return name;
        }
        return name + delimiter;
    }
}
