package dev.passerelle.backend.s3;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.testservers.LoopbackNames;
import dev.passerelle.testservers.S3ProxyServer;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract kit against S3Proxy addressed virtual-host style, with preset {@code aws} (the preset
 * of Amazon S3, virtual-host like clever-cloud, ovhcloud and scaleway) on the endpoint
 * {@code http://s3.passerelle.test:PORT}: buckets as {@code BUCKET.s3.passerelle.test}, whole-object
 * reads and buffered puts through {@link DirectS3Http}, the rest through minio-java, exactly as
 * production runs such a preset. Names resolve to loopback through {@link LoopbackNames} (the surefire
 * execution {@code virtual-host} starts this JVM with {@code jdk.net.hosts.file}); the store below
 * is the provider's, wrapped only to register each container's host name before its first call.
 */
class S3ProxyVirtualHostContractTest extends S3ProxyContractTest {
    private S3ProxyServer server;

    @Override
    protected BlobStore createStore() throws Exception {
        assumeTrue(LoopbackNames.file() != null, "runs in the virtual-host surefire execution (jdk.net.hosts.file)");
        dir = Files.createTempDirectory("passerelle-s3proxy-vhost-kit");
        server = new S3ProxyServer(dir).withProperty("s3proxy.virtual-host", LoopbackNames.SUFFIX);
        server.start();
        LoopbackNames.add(LoopbackNames.SUFFIX);
        S3BlobStore store = TestStores.store(TestStores.s3proxy(server, "s3proxy-vhost-kit", "aws",
                Map.of("endpoint", "http://" + LoopbackNames.SUFFIX + ":" + server.port(), "region", "us-east-1")));
        assertFalse(S3Settings.from(TestStores.s3proxy(server, "x", "aws",
                Map.of("endpoint", "http://" + LoopbackNames.SUFFIX + ":" + server.port()))).pathStyle(), "virtual-host style");
        assertTrue(store.usesDirectReads(), "the direct transport serves virtual-host style too");
        return new Resolving(store);
    }

    @Override
    protected void afterAllTests() throws Exception {
        if (server != null) {
            server.stop();
        }
        TestStores.deleteTree(dir);
    }

    /** Registers each container's host name (what a wildcard DNS record does in production), then forwards. */
    private static final class Resolving extends ForwardingBlobStore {
        Resolving(BlobStore delegate) {
            super(delegate);
        }

        private static String r(String container) {
            LoopbackNames.add(container + "." + LoopbackNames.SUFFIX);
            return container;
        }

        @Override
        public void createContainer(String container, CallContext context) {
            super.createContainer(r(container), context);
        }

        @Override
        public boolean containerExists(String container, CallContext context) {
            return super.containerExists(r(container), context);
        }

        @Override
        public void deleteContainer(String container, CallContext context) {
            super.deleteContainer(r(container), context);
        }

        @Override
        public ObjectInfo put(String container, String key, InputStream data, long length, PutOptions options) {
            return super.put(r(container), key, data, length, options);
        }

        @Override
        public ObjectContent get(String container, String key, GetOptions options) {
            return super.get(r(container), key, options);
        }

        @Override
        public ObjectInfo head(String container, String key, GetOptions options) {
            return super.head(r(container), key, options);
        }

        @Override
        public void delete(String container, String key, CallContext context) {
            super.delete(r(container), key, context);
        }

        @Override
        public ObjectInfo copy(String sourceContainer, String sourceKey, String targetContainer, String targetKey, CopyOptions options) {
            return super.copy(r(sourceContainer), sourceKey, r(targetContainer), targetKey, options);
        }

        @Override
        public ListPage listPage(String container, ListRequest request) {
            return super.listPage(r(container), request);
        }
    }
}
