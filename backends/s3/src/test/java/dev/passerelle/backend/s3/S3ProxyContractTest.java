package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;
import dev.passerelle.testservers.S3ProxyServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The contract kit against S3Proxy 4.1.0 (a separate JVM over jclouds' filesystem provider), preset {@code minio}. */
class S3ProxyContractTest extends BlobStoreContractTest {
    private S3ProxyServer server;
    Path dir;

    @Override
    protected BlobStore createStore() throws Exception {
        dir = Files.createTempDirectory("passerelle-s3proxy-kit");
        server = new S3ProxyServer(dir);
        server.start();
        return TestStores.store(TestStores.s3proxy(server, "s3proxy-kit", "minio", Map.of()));
    }

    @Override
    protected Map<String, String> knownGaps() {
        String utf16 = "S3Proxy's nio2 blob store lists in Java String (UTF-16) order, S3 in UTF-8 byte order; the fixture mixes U+1F600 and U+FF01";
        String paths = "S3Proxy's nio2 blob store maps keys to file paths: a key cannot be both an object and a directory";
        return Map.ofEntries(
                Map.entry("contentTypeRoundTrips", "S3Proxy (Jetty) rewrites 'text/plain; charset=utf-8' as 'text/plain;charset=utf-8'"),
                Map.entry("manyShortUserMetadataEntriesUpToTheDeclaredBudgetRoundTrip", "S3Proxy 4.1.0's nio2 blob store accepts the put "
                        + "and silently keeps 76 of 140 short entries (242 bytes; s3rver keeps all): a limit of the server's store, not of S3"),
                Map.entry("keyWithATrailingSlashIsAnObject", "S3Proxy's nio2 blob store stores 'folder/' as a directory and returns it empty"),
                Map.entry("trailingSlashKeyCoexistsWithItsNameAndItsChildren", "S3Proxy's nio2 blob store stores 'tdir/' as a directory and returns it empty"),
                Map.entry("emptySegmentsNeverAliasTheCollapsedKey", "S3Proxy (Jetty 12) refuses URIs with empty path segments ('//') as ambiguous: 400 Bad Request"),
                Map.entry("keyThatIsAlsoAPrefixCoexistsWithKeysUnderIt", paths),
                Map.entry("listingFollowsTheDeclaredOrder", paths + " ('a/' and 'a/b'); " + utf16),
                Map.entry("longSegmentsAndMaximumLengthKeys", "S3Proxy's nio2 blob store maps keys to file names: a 300-byte segment exceeds the file-name limit (InternalError)"),
                Map.entry("emptySegmentsAreLiteral", "S3Proxy (Jetty 12) refuses URIs with empty path segments ('//') as ambiguous: 400 Bad Request"),
                Map.entry("listingWithAnotherDelimiter", "S3Proxy's nio2 blob store supports only '/' as a delimiter (400 InvalidRequest)"),
                Map.entry("largeListingInPagesOf1000", utf16),
                Map.entry("largeListingInPagesOf7", utf16),
                Map.entry("largeListingOfUnicodeKeysFollowsTheDeclaredOrder", utf16),
                Map.entry("largeListingResumesFromAContinuationToken", utf16),
                Map.entry("largeListingWithAPrefixAndStartAfter", utf16),
                Map.entry("dotSegmentsAreLiteral", S3rverContractTest.DOT_SEGMENTS));
    }

    @Override
    protected void afterAllTests() throws Exception {
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }
}
