package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;
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
            String marker = request.continuationToken() != null ? ListTokens.decode(request.continuationToken()) : request.startAfter();
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
            PageSet<? extends StorageMetadata> page = blobs.list(container, options);
            List<ObjectInfo> objects = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            for (StorageMetadata md : page) {
                if (md.getType() == StorageType.RELATIVE_PATH) {
                    prefixes.add(commonPrefix(md.getName(), request.delimiter()));
                } else if (md.getType() == StorageType.BLOB || md.getType() == StorageType.FOLDER) {
                    objects.add(JcloudsObjects.fromListing(md));
                }
            }
            if (objects.isEmpty() && prefixes.isEmpty() && marker == null) {
                requireContainer.accept(container);
            }
            return new ListPage(objects, prefixes, ListTokens.encode(page.getNextMarker()));
        } catch (RuntimeException e) {
            throw errors.map(e, container, null);
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
