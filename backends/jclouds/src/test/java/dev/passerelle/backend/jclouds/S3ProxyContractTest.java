package dev.passerelle.backend.jclouds;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;
import dev.passerelle.testservers.S3ProxyServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The contract kit through jclouds' {@code s3} API (path-style) against S3Proxy 4.1.0 in a separate JVM. */
class S3ProxyContractTest extends BlobStoreContractTest {
    private S3ProxyServer server;
    private Path dir;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-jclouds-s3proxy");
        server = new S3ProxyServer(dir);
        server.start();
                // S3Proxy's filesystem store lists in Java String (UTF-16) order, not S3's UTF-8 byte order: declare it
        return TestStores.store(TestStores.s3proxy(server, "jclouds-s3proxy", Map.of("list-order", "utf-16")));
    }

    @Override
    protected Map<String, String> knownGaps() {
        String paths = "S3Proxy's filesystem store maps keys to file paths: ";
        return Map.ofEntries(
                Map.entry("contentTypeRoundTrips", "S3Proxy (Jetty) rewrites 'text/plain; charset=utf-8' as 'text/plain;charset=utf-8'"),
                Map.entry("manyShortUserMetadataEntriesUpToTheDeclaredBudgetRoundTrip", "S3Proxy 4.1.0's store accepts the put and "
                        + "silently keeps part of 140 short entries (242 bytes), as through the s3 backend"),
                Map.entry("listingWithAnotherDelimiter", "S3Proxy's filesystem store supports only '/' as a delimiter (400 InvalidRequest)"),
                Map.entry("emptySegmentsAreLiteral", "S3Proxy (Jetty 12) refuses URIs with empty path segments ('//') as ambiguous: 400 Bad Request"),
                Map.entry("keyWithATrailingSlashIsAnObject", paths + "'folder/' is a directory, the connection is dropped"),
                Map.entry("trailingSlashKeyCoexistsWithItsNameAndItsChildren", paths + "'tdir/' is a directory, the connection is dropped"),
                Map.entry("emptySegmentsNeverAliasTheCollapsedKey", "S3Proxy (Jetty 12) refuses URIs with empty path segments ('//') as ambiguous: 400 Bad Request"),
                Map.entry("keyThatIsAlsoAPrefixCoexistsWithKeysUnderIt", paths + "'a' cannot be a file and the directory of 'a/b'"),
                Map.entry("listingFollowsTheDeclaredOrder", paths + "'a/' and 'a/b' cannot coexist (InternalError)"),
                Map.entry("dotSegmentsAreLiteral", paths + "'.' and '..' name directories (InternalError)"),
                Map.entry("longSegmentsAndMaximumLengthKeys", paths + "a 300-byte segment exceeds the 255-byte file-name limit"));
    }

    @Override
    protected void afterAllTests() throws Exception {
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }
}
