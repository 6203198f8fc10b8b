package dev.passerelle.backend.jclouds;

import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.spi.support.AsciiHeaderMetadata;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.io.ContentMetadata;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Turns jclouds' metadata into {@link ObjectInfo}s. */
final class JcloudsObjects {
    private JcloudsObjects() {
    }

    /**
     * @param key the key asked for (jclouds' name may be normalised by some providers)
     * @param md the blob's metadata from a HEAD or a whole-object GET
     * @return the object's info with user metadata and Passerelle's checksums
     */
    static ObjectInfo fromBlob(String key, BlobMetadata md) {
        ContentMetadata content = md.getContentMetadata();
        Long length = content == null ? null : content.getContentLength();
        long size = length != null ? length : md.getSize() == null ? 0 : md.getSize();
        String contentType = content == null ? null : content.getContentType();
        Map<String, String> wire = md.getUserMetadata();
        return new ObjectInfo(key, size, md.getETag(), contentType, instant(md), AsciiHeaderMetadata.decodeUser(wire),
                AsciiHeaderMetadata.decodeChecksums(wire));
    }

    /**
     * @param md one entry of a listing (a blob)
     * @return its info: key, size, ETag and date (listings carry no user metadata)
     */
    static ObjectInfo fromListing(StorageMetadata md) {
        long size = md.getSize() == null ? 0 : md.getSize();
        return new ObjectInfo(md.getName(), size, md.getETag(), null, instant(md), Map.of(), Map.of());
    }

    /**
     * @return when the object was last written; the epoch when the host says nothing (ObjectInfo
     *         requires a date and jclouds may leave it null)
     */
    private static Instant instant(StorageMetadata md) {
        Date d = md.getLastModified() != null ? md.getLastModified() : md.getCreationDate();
        return d == null ? Instant.EPOCH : d.toInstant();
    }
}
