package dev.passerelle.migrate.report;

import dev.passerelle.api.io.Hex;
import dev.passerelle.migrate.Hashing;
import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.SortedListing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The object manifest and its SHA-256, the one line two parties compare to agree on what was
 * moved. Canonical definition: for every object whose status is in the manifest (copied, identical,
 * size_only), one line {@code <sha256-hex or -> SP <size> SP <key> LF}, with the key relative to
 * the location prefix, lines in UTF-8 binary order of the keys; the manifest hash is the SHA-256 of
 * the UTF-8 bytes of all lines. Being defined per object and in key order, it is the same whether
 * a migration ran in one process or in N shards whose reports were merged.
 */
public final class Manifest {
    private final MessageDigest md = Hashing.sha256();
    private long objects;
    private long bytes;
    private String lastKey;
    private String hex;

    /**
     * Adds an object, if its status belongs in the manifest.
     *
     * @throws IllegalStateException when keys do not arrive in strictly increasing order
     */
    public void add(ObjectResult r) {
        if (lastKey != null && SortedListing.ORDER.compare(lastKey, r.key()) >= 0) {
            throw new IllegalStateException("manifest keys out of order: '" + r.key() + "' after '" + lastKey + "'");
        }
        lastKey = r.key();
        if (!r.status().inManifest()) {
            return;
        }
        String sha = r.manifestSha256() == null ? "-" : r.manifestSha256();
        md.update((sha + " " + r.size() + " " + r.key() + "\n").getBytes(StandardCharsets.UTF_8));
        objects++;
        bytes += r.size();
    }

    /** @return the number of objects in the manifest */
    public long objects() {
        return objects;
    }

    /** @return the bytes of the objects in the manifest */
    public long bytes() {
        return bytes;
    }

    /** @return the manifest's SHA-256 hex (ends the manifest: call once all objects are added) */
    public String sha256() {
        if (hex == null) {
            hex = Hex.encode(md.digest());
        }
        return hex;
    }
}
