package dev.passerelle.backend.filesystem;

import dev.passerelle.api.PutOptions;
import dev.passerelle.testkit.PseudoRandomInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link KillDuringPutTest}: streams a large object slowly into a managed
 * store, announcing "STREAMING" on stdout once the upload is well under way, so the test can kill
 * the process mid-put.
 */
public final class SlowPutMain {
    /** How many bytes the put declares. */
    static final long SIZE = 256L * 1024 * 1024;
    /** Announced after this many bytes. */
    static final long ANNOUNCE_AFTER = 4L * 1024 * 1024;

    private SlowPutMain() {
    }

    /**
     * @param args root, container, key
     */
    public static void main(String[] args) throws Exception {
        FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.managed(Path.of(args[0])));
        InputStream slow = new FilterInputStream(new PseudoRandomInputStream(99, SIZE)) {
            private long count;
            private boolean announced;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, Math.min(len, 64 * 1024));
                if (n > 0) {
                    count += n;
                    if (count >= ANNOUNCE_AFTER) {
                        if (!announced) {
                            announced = true;
                            System.out.println("STREAMING");
                            System.out.flush();
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                }
                return n;
            }
        };
        store.put(args[1], args[2], slow, SIZE, PutOptions.defaults());
        System.out.println("FINISHED");
    }
}
