package dev.passerelle.backend.azure;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.BackendSettings;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Run in a child JVM by {@link AzureDefaultCredentialTest}, whose environment carries the managed
 * identity variables: builds an {@code azure} backend with {@code credential=default} exactly as the
 * registry would, writes, reads and lists, then prints {@code OK} (exit 0) or the error kind (exit 1).
 */
public final class DefaultCredentialProbe {
    private DefaultCredentialProbe() {
    }

    /** @param args the https endpoint of the account */
    public static void main(String[] args) {
        Map<String, String> settings = Map.of("type", "azure", "endpoint", args[0], "credential", "default",
                "block-size", "64KiB", "upload-concurrency", "2");
        try (BlobStore store = new AzureBlobStoreProvider().create(new BackendSettings("entra", settings))) {
            store.createContainer("oauth", null);
            byte[] body = new byte[400_000];
            new Random(11).nextBytes(body);
            ObjectInfo put = store.put("oauth", "via/token", new ByteArrayInputStream(body), -1, PutOptions.defaults());
            byte[] back;
            try (ObjectContent c = store.get("oauth", "via/token", GetOptions.defaults())) {
                back = c.stream().readAllBytes();
            }
            if (!Arrays.equals(body, back)) {
                System.out.println("MISMATCH");
                System.exit(2);
            }
            // a small body: one Put Blob and a whole Get Blob, the direct calls, with a bearer token from the same credential
            byte[] small = new byte[1000];
            new Random(12).nextBytes(small);
            store.put("oauth", "small", new ByteArrayInputStream(small), small.length, PutOptions.defaults());
            try (ObjectContent c = store.get("oauth", "small", GetOptions.defaults())) {
                if (!Arrays.equals(small, c.stream().readAllBytes())) {
                    System.out.println("MISMATCH small");
                    System.exit(2);
                }
            }
            int listed = store.listPage("oauth", ListRequest.all()).objects().size();
            System.out.println("OK " + put.passerelleSha256().orElseThrow() + " listed=" + listed);
            System.exit(0);
        } catch (StorageException e) {
            System.out.println("FAILED " + e.kind() + " " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.out.println("FAILED " + e);
            System.exit(3);
        }
    }
}
