package dev.passerelle.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Azurite's blob service (npm {@code azurite}) on a free loopback port. In memory by default, or
 * on disk with {@link #onDisk(Path)} so a killed and restarted server keeps its data.
 */
public final class AzuriteServer extends ExternalServer {
    /** Azurite's well-known development account. */
    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's well-known, public development key. */
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Path location;
    private final List<String> extraArgs = new ArrayList<>();

    private AzuriteServer(Path location) {
        super("azurite");
        this.location = location;
    }

    /** @return a server keeping its data in memory */
    public static AzuriteServer inMemory() {
        return new AzuriteServer(null);
    }

    /** @return a server keeping its data under {@code dir} (survives kill and restart) */
    public static AzuriteServer onDisk(Path dir) {
        return new AzuriteServer(dir);
    }

    /** Adds command-line arguments (e.g. {@code --oauth basic --cert ... --key ...}). @return this */
    public AzuriteServer withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    @Override
    protected List<String> command(int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(npmBin("azurite-blob").toString(),
                "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port),
                "--disableTelemetry", "--skipApiVersionCheck", "--loose"));
        if (location == null) {
            cmd.add("--inMemoryPersistence");
        } else {
            Files.createDirectories(location);
            cmd.add("--location");
            cmd.add(location.toString());
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    /** @return the blob endpoint, {@code http://127.0.0.1:PORT/devstoreaccount1} */
    public String endpoint() {
        return "http://127.0.0.1:" + port() + "/" + ACCOUNT;
    }

    /** @return a connection string for the development account */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=" + endpoint() + ";";
    }
}
