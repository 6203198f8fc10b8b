package dev.passerelle.backend.filesystem;

import dev.passerelle.api.Checksum;
import dev.passerelle.api.ChecksumAlgorithm;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.StorageException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The managed layout's object file: the data, then a trailer with everything else, so data and
 * metadata are ONE file and become visible together at the rename that commits it.
 *
 * <pre>
 * [data: size bytes][trailer body][size: 8 bytes][body length: 4 bytes]["PSRLOBJ1": 8 bytes]
 * body = version(4) key contentType etag lastModifiedMillis(8) sha256 md5 metadataCount(4) (name value)*
 * strings = length(4) + UTF-8 bytes
 * </pre>
 */
final class ObjectFile {
    private static final byte[] MAGIC = "PSRLOBJ1".getBytes(StandardCharsets.US_ASCII);
    private static final int FOOTER = 8 + 4 + 8;
    private static final int VERSION = 1;
    private static final int MAX_BODY = 64 * 1024;

    private ObjectFile() {
    }

    /** @return the trailer bytes describing {@code info} (whose size is the data length) */
    static ByteBuffer trailer(ObjectInfo info) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(VERSION);
            writeString(out, info.key());
            writeString(out, info.contentType() == null ? "" : info.contentType());
            writeString(out, info.etag());
            out.writeLong(info.lastModified().toEpochMilli());
            writeString(out, info.checksum(ChecksumAlgorithm.SHA256).map(Checksum::hex).orElse(""));
            writeString(out, info.checksum(ChecksumAlgorithm.MD5).map(Checksum::hex).orElse(""));
            out.writeInt(info.userMetadata().size());
            for (Map.Entry<String, String> e : info.userMetadata().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            int bodyLength = bytes.size();
            if (bodyLength > MAX_BODY) {
                throw StorageException.invalid("metadata_too_large", "content type and metadata are too large to store");
            }
            out.writeLong(info.size());
            out.writeInt(bodyLength);
            out.write(MAGIC);
            out.flush();
            return ByteBuffer.wrap(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads the trailer of an open object file.
     *
     * @return the object's info (its size is the data length; data starts at offset 0)
     * @throws StorageException INTEGRITY if the file is not a complete object file
     */
    static ObjectInfo read(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < FOOTER) {
            throw corrupt("file too short");
        }
        ByteBuffer footer = ByteBuffer.allocate(FOOTER);
        readFully(channel, footer, fileSize - FOOTER);
        footer.flip();
        long size = footer.getLong();
        int bodyLength = footer.getInt();
        byte[] magic = new byte[8];
        footer.get(magic);
        if (!java.util.Arrays.equals(MAGIC, magic) || bodyLength < 0 || bodyLength > MAX_BODY || size < 0 || size + bodyLength + FOOTER != fileSize) {
            throw corrupt("bad trailer");
        }
        ByteBuffer body = ByteBuffer.allocate(bodyLength);
        readFully(channel, body, size);
        body.flip();
        try {
            if (body.getInt() != VERSION) {
                throw corrupt("unknown version");
            }
            String key = readString(body);
            String contentType = readString(body);
            String etag = readString(body);
            Instant lastModified = Instant.ofEpochMilli(body.getLong());
            String sha256 = readString(body);
            String md5 = readString(body);
            int count = body.getInt();
            Map<String, String> meta = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                meta.put(readString(body), readString(body));
            }
            Map<ChecksumAlgorithm, Checksum> sums = new EnumMap<>(ChecksumAlgorithm.class);
            if (!sha256.isEmpty()) {
                sums.put(ChecksumAlgorithm.SHA256, Checksum.passerelle(ChecksumAlgorithm.SHA256, sha256));
            }
            if (!md5.isEmpty()) {
                sums.put(ChecksumAlgorithm.MD5, Checksum.passerelle(ChecksumAlgorithm.MD5, md5));
            }
            return new ObjectInfo(key, size, etag, contentType.isEmpty() ? null : contentType, lastModified, meta, sums);
        } catch (RuntimeException e) {
            if (e instanceof StorageException se) {
                throw se;
            }
            throw corrupt("unreadable trailer");
        }
    }

    private static String readString(ByteBuffer body) {
        int n = body.getInt();
        if (n < 0 || n > body.remaining()) {
            throw corrupt("bad string length");
        }
        byte[] b = new byte[n];
        body.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw corrupt("file ended early");
            }
            pos += n;
        }
    }

    private static StorageException corrupt(String why) {
        return new StorageException(ErrorKind.INTEGRITY, "stored object file is damaged (" + why + ")");
    }
}
