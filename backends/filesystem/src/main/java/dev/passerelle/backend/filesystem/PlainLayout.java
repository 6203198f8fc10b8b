package dev.passerelle.backend.filesystem;

import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ListOrder;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.io.Hex;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The plain layout: an existing tree of ordinary files, each file an object whose key is its path
 * relative to the container directory (with {@code /}). Nothing is written beside the files: no
 * metadata, no checksum. Content type is guessed from the file name; ETags derive from the file's
 * identity, size and modification time, so they change on every write. Symbolic links and special
 * files are not objects, and nothing is read through a link that leaves the root.
 *
 * <p>Keys a plain tree cannot represent (empty, {@code .} or {@code ..} segments, segments over 255
 * bytes, a key that is both a file and a directory) cannot be written (UNSUPPORTED or CONFLICT) and
 * never exist.
 */
final class PlainLayout implements Layout {
    private static final int MAX_SEGMENT_BYTES = 255;

    private final Path realRoot;
    private final boolean headChecksums;
    private final Capabilities capabilities = Capabilities.builder()
            .localReads(true)
            .rangedReads(true).serverSideCopy(true).conditionalPut(true).atomicConditionalPut(true)
            .listOrder(ListOrder.UTF8_BINARY).nativeMd5(false).storesChecksums(false).userMetadata(false).writable(true)
            .maxUserMetadataBytes(0).build();

    /**
     * @param realRoot the root, as a real path (links resolved)
     * @param headChecksums whether head reads the whole file to report SHA-256 and MD5
     */
    PlainLayout(Path realRoot, boolean headChecksums) {
        this.realRoot = realRoot;
        this.headChecksums = headChecksums;
    }

    /** @return whether head computes checksums by reading the file */
    boolean headChecksums() {
        return headChecksums;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** @return whether a segment can be a file or directory name */
    static boolean representable(String segment) {
        return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..")
                && segment.getBytes(StandardCharsets.UTF_8).length <= MAX_SEGMENT_BYTES;
    }

    @Override
    public Path objectFile(Path containerDir, String key) {
        String[] segments = key.split("/", -1);
        for (String s : segments) {
            if (!representable(s)) {
                return null;
            }
        }
        Path p = containerDir;
        for (String s : segments) {
            p = p.resolve(s);
        }
        return ManagedLayout.checkInside(containerDir, p);
    }

    @Override
    public Path directoryFor(Path containerDir, List<String> segments) {
        Path p = containerDir;
        for (String s : segments) {
            if (!representable(s)) {
                return null;
            }
            p = p.resolve(s);
        }
        return ManagedLayout.checkInside(containerDir, p);
    }

    @Override
    public void createParents(Path containerDir, String key) throws IOException {
        Path file = objectFile(containerDir, key);
        Files.createDirectories(file.getParent());
    }

    /** Refuses files reached through a link that leaves the root, links themselves, and non-regular files. */
    private BasicFileAttributes regularInsideRoot(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile() || !file.toRealPath().startsWith(realRoot)) {
            throw new NoSuchFileException(file.toString());
        }
        return attrs;
    }

    @Override
    public Opened open(Path containerDir, Path file, String key) throws IOException {
        BasicFileAttributes attrs = regularInsideRoot(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        return new Opened(ch, info(key, file, attrs));
    }

    @Override
    public ObjectInfo listedInfo(Path containerDir, Path file, String key) throws IOException {
        return info(key, file, regularInsideRoot(file));
    }

    /** @return the info of a file, with SHA-256 and MD5 computed by reading it */
    ObjectInfo withComputedChecksums(ObjectInfo info, FileChannel channel) throws IOException {
        MessageDigest sha = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 * 1024);
        long pos = 0;
        while (pos < info.size()) {
            buf.clear();
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            buf.flip();
            sha.update(buf.duplicate());
            md5.update(buf);
            pos += n;
        }
        return info.withChecksums(Map.of(
                dev.passerelle.api.ChecksumAlgorithm.SHA256, dev.passerelle.api.Checksum.passerelle(dev.passerelle.api.ChecksumAlgorithm.SHA256, Hex.encode(sha.digest())),
                dev.passerelle.api.ChecksumAlgorithm.MD5, dev.passerelle.api.Checksum.passerelle(dev.passerelle.api.ChecksumAlgorithm.MD5, Hex.encode(md5.digest()))));
    }

    private static ObjectInfo info(String key, Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        String type = URLConnection.getFileNameMap().getContentTypeFor(name);
        return new ObjectInfo(key, attrs.size(), etag(attrs), type == null ? PutOptions.DEFAULT_CONTENT_TYPE : type,
                attrs.lastModifiedTime().toInstant(), Map.of(), Map.of());
    }

    private static String etag(BasicFileAttributes attrs) {
        String identity = attrs.fileKey() + "|" + attrs.size() + "|" + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        return Hex.encode(digest("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void finishTemp(FileChannel channel, ObjectInfo info) {
        // plain files hold only the data
    }

    @Override
    public ObjectInfo committedInfo(ObjectInfo written, Path committed) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(committed, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return info(written.key(), committed, attrs).withChecksums(written.checksums());
    }

    @Override
    public KeyWalker.Naming naming() {
        return (dir, name) -> {
            if (!validKeyText(name)) {
                return null;
            }
            Path path = dir.resolve(name);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (attrs.isRegularFile()) {
                return new KeyWalker.Child(name, false, path);
            }
            return attrs.isDirectory() ? new KeyWalker.Child(name + "/", true, path) : null;
        };
    }

    /** @return false for names no key can contain: controls, or bytes that were not UTF-8 (decoded as U+FFFD) */
    private static boolean validKeyText(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void pruneEmptyParents(Path containerDir, Path file) {
        Path dir = file.getParent();
        while (dir != null && !dir.equals(containerDir) && dir.startsWith(containerDir)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return;
            }
            dir = dir.getParent();
        }
    }
}
