package dev.passerelle.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One shard of a migration split across N independent processes: shard {@code index} of
 * {@code count} handles the keys whose stable hash (the first 8 bytes of the SHA-256 of the
 * key's UTF-8 bytes, relative to the source prefix, as an unsigned number) modulo {@code count}
 * equals {@code index}. Indexes are 0-based, like a Kubernetes Indexed Job's
 * {@code JOB_COMPLETION_INDEX}.
 *
 * @param index this shard, 0..count-1
 * @param count how many shards
 */
public record Shard(int index, int count) {

    /** The whole key space. */
    public static final Shard ALL = new Shard(0, 1);

    /** Checks the bounds. */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new UsageException("invalid shard " + index + "/" + count + ": expected K/N with 0 <= K < N");
        }
    }

    /**
     * Parses {@code K/N}.
     *
     * @throws UsageException when malformed
     */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new UsageException("invalid --shard '" + text + "': expected K/N, e.g. 0/4");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new UsageException("invalid --shard '" + text + "': expected K/N with whole numbers, e.g. 0/4");
        }
    }

    /** @return whether the key (relative to the source prefix) belongs to this shard */
    public boolean contains(String relativeKey) {
        return count == 1 || bucketOf(relativeKey, count) == index;
    }

    /** @return the shard index of a key among {@code count} shards */
    public static int bucketOf(String relativeKey, int count) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(relativeKey.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(v, count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** @return whether this is the whole key space */
    public boolean isAll() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
