package dev.passerelle.core;

import dev.passerelle.api.CallContext;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With no configuration at all, Passerelle runs on one filesystem backend {@code local} under
 * {@code ./data}, with its state under {@code ./state} (surefire runs this in target/test-work).
 */
class EmbeddedDefaultTest {

    @Test
    void noConfigurationAtAllStartsTheEmbeddedFilesystemBackend() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        try (Passerelle p = Passerelle.create(new SmallRyeConfigBuilder().build())) {
            assertEquals("local", p.defaultBackend().orElseThrow());
            assertEquals(List.of("local"), p.backends().stream().map(BackendInfo::name).toList());
            assertEquals("filesystem", p.backend("local").type());
            assertEquals(cwd.resolve("state"), p.stateDir());
            assertTrue(Files.isDirectory(p.stateDir()));

            String bucketName = "embedded-" + System.nanoTime();
            Bucket bucket = p.bucket(bucketName);
            CallContext ctx = CallContext.of("test");
            bucket.store().createContainer(bucket.container(), ctx);
            byte[] body = "bonjour".getBytes(StandardCharsets.UTF_8);
            bucket.store().put(bucket.container(), "greeting", new ByteArrayInputStream(body), body.length, PutOptions.defaults());
            try (ObjectContent c = bucket.store().get(bucket.container(), "greeting", GetOptions.defaults())) {
                assertEquals("bonjour", new String(c.stream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertTrue(Files.isDirectory(cwd.resolve("data")), "objects live under ./data");
            assertTrue(p.listBuckets(ctx).buckets().stream().anyMatch(b -> b.name().equals(bucketName)));
            bucket.store().delete(bucket.container(), "greeting", ctx);
            bucket.store().deleteContainer(bucket.container(), ctx);
        }
    }
}
