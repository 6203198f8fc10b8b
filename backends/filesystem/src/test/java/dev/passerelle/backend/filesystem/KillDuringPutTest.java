package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ListRequest;
import dev.passerelle.testkit.Kit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed with SIGKILL in the middle of a put leaves no visible object, keeps the previous
 * version, and leaves no garbage that listing shows; its temporary file is removed at a later start.
 */
class KillDuringPutTest {
    private Path root;
    private Process child;

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        TempRoot.delete(root);
    }

    @Test
    void killMinusNineMidPutLeavesNothingVisible() throws Exception {
        root = TempRoot.create("passerelle-fs-kill");
        byte[] previous = Kit.bytes(10_000, 1);
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.managed(root))) {
            store.createContainer("victims", Kit.ctx());
            Kit.put(store, "victims", "kept", previous);
            Kit.put(store, "victims", "other", new byte[] {1});
        }
        Path tmp = root.resolve(TempFiles.DIR_NAME);
        long partsBefore = countParts(tmp);

        child = startChild("victims", "kept");
        waitForLine(child, "STREAMING");
        assertEquals(partsBefore + 1, countParts(tmp), "the put is in flight: one temporary file");
        long partSize;
        try (Stream<Path> parts = Files.list(tmp)) {
            partSize = Files.size(parts.filter(p -> p.toString().endsWith(TempFiles.PART)).findFirst().orElseThrow());
        }
        assertTrue(partSize >= SlowPutMain.ANNOUNCE_AFTER / 2 && partSize < SlowPutMain.SIZE, "killed mid-way, at " + partSize + " bytes");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.managed(root))) {
            assertArrayEquals(previous, Kit.read(store, "victims", "kept"), "the previous version is intact");
            assertEquals(List.of("kept", "other"), Kit.listKeys(store, "victims", ListRequest.all()), "listing is clean");
            assertEquals(List.of("kept"), Kit.listKeys(store, "victims", ListRequest.prefix("k")));
            assertEquals(1, countParts(tmp), "a young temporary file is kept: it could belong to a live process");
        }
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.managed(root).withStaleTempAfter(Duration.ZERO))) {
            assertEquals(0, countParts(tmp), "a stale temporary file is removed at start");
            assertArrayEquals(previous, Kit.read(store, "victims", "kept"));
        }
    }

    @Test
    void killMinusNineMidPutOfANewKeyLeavesNoObject() throws Exception {
        root = TempRoot.create("passerelle-fs-kill");
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.managed(root))) {
            store.createContainer("victims", Kit.ctx());
        }
        child = startChild("victims", "deep/new/key");
        waitForLine(child, "STREAMING");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        try (FilesystemBlobStore store = new FilesystemBlobStore(FilesystemSettings.managed(root))) {
            Kit.assertAbsent(store, "victims", "deep/new/key");
            assertEquals(List.of(), Kit.listKeys(store, "victims", ListRequest.all()));
            assertEquals(List.of(), Kit.listKeys(store, "victims", ListRequest.all().withDelimiter("/")), "no common prefix either");
            assertTrue(store.listPage("victims", ListRequest.all().withDelimiter("/")).commonPrefixes().isEmpty());
            store.deleteContainer("victims", Kit.ctx());
        }
    }

    private Process startChild(String container, String key) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-cp", classpath, SlowPutMain.class.getName(), root.toString(), container, key);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    private static void waitForLine(Process process, String expected) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals(expected)) {
                return;
            }
            seen.append(line).append('\n');
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("child never printed " + expected + "; output:\n" + seen);
    }

    private static long countParts(Path tmp) throws Exception {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(TempFiles.PART)).count();
        }
    }
}
