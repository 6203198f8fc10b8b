package dev.passerelle.sovereign.bench;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.sovereign.FsStores;
import dev.passerelle.sovereign.crypto.EncryptingBlobStore;
import dev.passerelle.sovereign.crypto.KeyRing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Encrypted vs plain PUT and GET throughput of one large object on the filesystem backend.
 * Run by {@code sovereign/bench-encryption.sh [size-MiB] [rounds]}; prints MiB/s and the ratios.
 * Each round writes and reads the object plain and encrypted; the best round of each is kept.
 */
public final class EncryptionBenchmark {
    private EncryptionBenchmark() {
    }

    /** A stream of {@code size} bytes cycling over 1 MiB of random data (generated once, so the source costs nothing). */
    static final class Source extends InputStream {
        private final byte[] block = new byte[1 << 20];
        private long remaining;
        private int pos;

        Source(long size) {
            new Random(42).nextBytes(block);
            remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, remaining), block.length - pos);
            System.arraycopy(block, pos, b, off, n);
            pos = (pos + n) % block.length;
            remaining -= n;
            return n;
        }
    }

    private static double put(BlobStore store, String container, long size) {
        long t = System.nanoTime();
        store.put(container, "big", new Source(size), size, PutOptions.defaults());
        return mibPerSecond(size, System.nanoTime() - t);
    }

    private static double get(BlobStore store, String container, long size) throws IOException {
        long t = System.nanoTime();
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (ObjectContent c = store.get(container, "big", GetOptions.defaults())) {
            InputStream in = c.stream();
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        }
        if (total != size) {
            throw new IllegalStateException("read " + total + " bytes, expected " + size);
        }
        return mibPerSecond(size, System.nanoTime() - t);
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
    }

    /**
     * @param args size in MiB (default 1024), rounds (default 2), directory for the data (default a temp dir)
     */
    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path root = args.length > 2 ? Files.createTempDirectory(Path.of(args[2]), "bench-enc") : Files.createTempDirectory("bench-enc");
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        try (BlobStore plain = FsStores.at(root)) {
            BlobStore enc = new EncryptingBlobStore(plain, new KeyRing("bench", Map.of("bench", kek)), true, "bench");
            plain.createContainer("plain", CallContext.system());
            plain.createContainer("encrypted", CallContext.system());
            double pPut = 0;
            double pGet = 0;
            double ePut = 0;
            double eGet = 0;
            for (int r = 1; r <= rounds; r++) {
                pPut = Math.max(pPut, put(plain, "plain", size));
                ePut = Math.max(ePut, put(enc, "encrypted", size));
                pGet = Math.max(pGet, get(plain, "plain", size));
                eGet = Math.max(eGet, get(enc, "encrypted", size));
                System.out.printf(Locale.ROOT, "round %d: plain put %.0f get %.0f MiB/s; encrypted put %.0f get %.0f MiB/s (best so far)%n",
                        r, pPut, pGet, ePut, eGet);
            }
            System.out.printf(Locale.ROOT, "object %d MiB, best of %d rounds%n", size >> 20, rounds);
            System.out.printf(Locale.ROOT, "PUT  plain %7.1f MiB/s  encrypted %7.1f MiB/s  ratio %.2f%n", pPut, ePut, ePut / pPut);
            System.out.printf(Locale.ROOT, "GET  plain %7.1f MiB/s  encrypted %7.1f MiB/s  ratio %.2f%n", pGet, eGet, eGet / pGet);
        } finally {
            FsStores.deleteTree(root);
        }
    }
}
