package dev.passerelle.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** s3rver (npm), an independent S3 implementation keeping its data in a directory. Keys S3RVER/S3RVER. */
public final class S3rverServer extends ExternalServer {
    /** s3rver's fixed access key. */
    public static final String ACCESS_KEY = "S3RVER";
    /** s3rver's fixed secret key. */
    public static final String SECRET_KEY = "S3RVER";

    private final Path directory;

    /** @param directory where s3rver keeps its data */
    public S3rverServer(Path directory) {
        super("s3rver");
        this.directory = directory;
    }

    @Override
    protected List<String> command(int port) throws IOException {
        Files.createDirectories(directory);
        return List.of(npmBin("s3rver").toString(), "-d", directory.toString(), "-a", "127.0.0.1",
                "-p", Integer.toString(port), "--no-vhost-buckets", "--silent");
    }

    /**
     * s3rver 3.7.1 encrypts its ListObjectsV2 continuation tokens with a cipher that OpenSSL 3
     * (Node 17+) disables: without the legacy provider every truncated listing page answers 500.
     */
    @Override
    protected Map<String, String> environment() {
        return Map.of("NODE_OPTIONS", "--openssl-legacy-provider");
    }

    /** @return the endpoint, {@code http://127.0.0.1:PORT} */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }
}
