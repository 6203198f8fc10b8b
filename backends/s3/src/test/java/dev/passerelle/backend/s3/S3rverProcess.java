package dev.passerelle.backend.s3;

import dev.passerelle.testservers.ExternalServer;
import dev.passerelle.testservers.S3rverServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * s3rver as {@link S3rverServer} starts it, plus {@code NODE_OPTIONS=--openssl-legacy-provider}:
 * s3rver 3.7.1 encrypts its ListObjectsV2 continuation tokens with a cipher OpenSSL 3 (Node 17+)
 * disables, so without it every truncated listing page answers 500 InternalError
 * (ERR_OSSL_EVP_UNSUPPORTED). The fix belongs in test-servers' S3rverServer; until then this
 * module starts s3rver itself.
 */
final class S3rverProcess extends ExternalServer {
    private final Path directory;

    S3rverProcess(Path directory) {
        super("s3rver");
        this.directory = directory;
    }

    @Override
    protected List<String> command(int port) throws IOException {
        Files.createDirectories(directory);
        return List.of(npmBin("s3rver").toString(), "-d", directory.toString(), "-a", "127.0.0.1",
                "-p", Integer.toString(port), "--no-vhost-buckets", "--silent");
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of("NODE_OPTIONS", "--openssl-legacy-provider");
    }

    /** @return the endpoint, {@code http://127.0.0.1:PORT} */
    String endpoint() {
        return "http://127.0.0.1:" + port();
    }
}
