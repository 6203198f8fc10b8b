package dev.passerelle.backend.filesystem;

import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ListOrder;
import dev.passerelle.api.Names;
import dev.passerelle.api.ObjectInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * The managed layout: one file per object (data + trailer, see {@link ObjectFile}), one directory per
 * key segment, names from {@link KeyCodec}. Every path is built from encoded names only, so no key can
 * reach outside its container directory.
 */
final class ManagedLayout implements Layout {
    private final Path tmpDir;
    private final Capabilities capabilities = Capabilities.builder()
            .localReads(true)
            .rangedReads(true).serverSideCopy(true).conditionalPut(true).atomicConditionalPut(true)
            .listOrder(ListOrder.UTF8_BINARY).nativeMd5(false).storesChecksums(true).userMetadata(true).writable(true)
            .maxUserMetadataBytes(Names.MAX_METADATA_BYTES)
            .build();

    /** @param tmpDir where temporary files and directories are made (same filesystem as the root) */
    ManagedLayout(Path tmpDir) {
        this.tmpDir = tmpDir;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Path objectFile(Path containerDir, String key) {
        String[] segments = key.split("/", -1);
        Path p = containerDir;
        for (int i = 0; i < segments.length - 1; i++) {
            p = p.resolve(KeyCodec.dirName(segments[i]));
        }
        return checkInside(containerDir, p.resolve(KeyCodec.objectName(segments[segments.length - 1])));
    }

    @Override
    public Path directoryFor(Path containerDir, List<String> segments) {
        Path p = containerDir;
        for (String s : segments) {
            p = p.resolve(KeyCodec.dirName(s));
        }
        return checkInside(containerDir, p);
    }

    static Path checkInside(Path containerDir, Path p) {
        if (!p.normalize().startsWith(containerDir) || p.getNameCount() < containerDir.getNameCount()) {
            throw new IllegalStateException("encoded path left its container: " + p);
        }
        return p;
    }

    @Override
    public void createParents(Path containerDir, String key) throws IOException {
        String[] segments = key.split("/", -1);
        Path p = containerDir;
        for (int i = 0; i < segments.length - 1; i++) {
            String name = KeyCodec.dirName(segments[i]);
            p = p.resolve(name);
            if (KeyCodec.isLongDir(name)) {
                createLongDir(p, segments[i]);
            } else {
                try {
                    Files.createDirectory(p);
                } catch (FileAlreadyExistsException e) {
                    // already there (or created by a concurrent put)
                }
            }
        }
    }

    /** A hashed directory must hold its segment from the moment it appears: build it aside, then rename. */
    private void createLongDir(Path target, String segment) throws IOException {
        if (Files.isDirectory(target)) {
            return;
        }
        Path temp = tmpDir.resolve(UUID.randomUUID() + ".dir");
        Files.createDirectory(temp);
        try {
            Path segFile = temp.resolve(KeyCodec.SEGMENT_FILE);
            try (FileChannel ch = FileChannel.open(segFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(segment.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // a concurrent put created it first
        } finally {
            Files.deleteIfExists(temp.resolve(KeyCodec.SEGMENT_FILE));
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Opened open(Path containerDir, Path file, String key) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new Opened(ch, ObjectFile.read(ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public ObjectInfo listedInfo(Path containerDir, Path file, String key) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ObjectInfo info = ObjectFile.read(ch);
            // listed under its path's key, which a read checks against the trailer's (a file moved here is INTEGRITY)
            return info.key().equals(key) ? info : info.withKey(key);
        }
    }

    @Override
    public void finishTemp(FileChannel channel, ObjectInfo info) throws IOException {
        ByteBuffer trailer = ObjectFile.trailer(info);
        while (trailer.hasRemaining()) {
            channel.write(trailer);
        }
    }

    @Override
    public ObjectInfo committedInfo(ObjectInfo written, Path committed) {
        return written;
    }

    @Override
    public KeyWalker.Naming naming() {
        return (dir, name) -> {
            if (name.isEmpty()) {
                return null;
            }
            Path path = dir.resolve(name);
            switch (name.charAt(0)) {
                case 'o': {
                    String seg = KeyCodec.decodePlainName(name);
                    return seg == null ? null : new KeyWalker.Child(seg, false, path);
                }
                case 'd': {
                    String seg = KeyCodec.decodePlainName(name);
                    return seg == null ? null : new KeyWalker.Child(seg + "/", true, path);
                }
                case 'p': {
                    String key = readKey(path);
                    return key == null ? null : new KeyWalker.Child(key.substring(key.lastIndexOf('/') + 1), false, path);
                }
                case 'e': {
                    String seg = readSegment(path);
                    return seg == null ? null : new KeyWalker.Child(seg + "/", true, path);
                }
                default:
                    return null;
            }
        };
    }

    private static String readKey(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ObjectFile.read(ch).key();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String readSegment(Path dir) throws IOException {
        try {
            return new String(Files.readAllBytes(dir.resolve(KeyCodec.SEGMENT_FILE)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void pruneEmptyParents(Path containerDir, Path file) {
        Path dir = file.getParent();
        while (dir != null && !dir.equals(containerDir) && dir.startsWith(containerDir)
                && !KeyCodec.isLongDir(dir.getFileName().toString())) {
            try {
                Files.delete(dir);
            } catch (IOException e) {
                return;
            }
            dir = dir.getParent();
        }
    }
}
