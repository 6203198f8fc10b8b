package dev.passerelle.migrate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One listed object, as the engine compares it: its key RELATIVE to the location's prefix, size,
 * ETag, and the SHA-256 Passerelle stored with it (null when the listing does not carry one).
 *
 * @param key the key relative to the location's prefix
 * @param size the size in bytes
 * @param etag the host's ETag (bare), possibly empty
 * @param sha256 Passerelle's SHA-256 hex, or null when unknown
 */
public record Entry(String key, long size, String etag, String sha256) {

    /** Serialises entries for spilled sort runs. */
    public static final ExternalSorter.Codec<Entry> CODEC = new ExternalSorter.Codec<>() {
        @Override
        public void write(DataOutput out, Entry e) throws IOException {
            out.writeUTF(e.key);
            out.writeLong(e.size);
            out.writeUTF(e.etag == null ? "" : e.etag);
            out.writeUTF(e.sha256 == null ? "" : e.sha256);
        }

        @Override
        public Entry read(DataInput in) throws IOException {
            String key = in.readUTF();
            long size = in.readLong();
            String etag = in.readUTF();
            String sha = in.readUTF();
            return new Entry(key, size, etag, sha.isEmpty() ? null : sha);
        }

        @Override
        public String key(Entry e) {
            return e.key;
        }
    };
}
