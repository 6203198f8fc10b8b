package dev.passerelle.backend.filesystem;

import dev.passerelle.api.BlobStore;
import dev.passerelle.testkit.BlobStoreContractTest;

import java.nio.file.Path;
import java.util.Map;

/**
 * The contract kit against the plain layout. Metadata and checksum tests skip themselves by
 * capability (userMetadata=false, storesChecksums=false); the gaps below are keys a tree of ordinary
 * files cannot represent.
 */
class PlainFilesystemContractTest extends BlobStoreContractTest {
    private static final String NOT_A_PATH = "plain layout: a tree of ordinary files cannot represent ";
    private Path root;

    @Override
    protected BlobStore createStore() throws Exception {
        root = TempRoot.create("passerelle-fs-plain");
        return new FilesystemBlobStore(FilesystemSettings.plain(root));
    }

    @Override
    protected Map<String, String> knownGaps() {
        return Map.of(
                "keyWithATrailingSlashIsAnObject", NOT_A_PATH + "a key ending in '/' (an empty file name)",
                "keyThatIsAlsoAPrefixCoexistsWithKeysUnderIt", NOT_A_PATH + "'a' as a file and 'a/b' under a directory 'a'",
                "dotSegmentsAreLiteral", NOT_A_PATH + "'.' or '..' as a file or directory name",
                "emptySegmentsAreLiteral", NOT_A_PATH + "empty path segments ('//', leading '/')",
                "trailingSlashKeyCoexistsWithItsNameAndItsChildren", NOT_A_PATH + "a key ending in '/' (an empty file name)",
                "emptySegmentsNeverAliasTheCollapsedKey", NOT_A_PATH + "empty path segments ('//', leading '/')",
                "longSegmentsAndMaximumLengthKeys", NOT_A_PATH + "a path segment over 255 bytes",
                "listingFollowsTheDeclaredOrder", NOT_A_PATH + "'a', 'a/' and 'a/b' together");
    }

    @Override
    protected void afterAllTests() throws Exception {
        TempRoot.delete(root);
    }
}
