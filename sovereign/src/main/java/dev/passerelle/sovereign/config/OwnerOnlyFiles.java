package dev.passerelle.sovereign.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files that hold secrets or records (admin token, audit trail): created readable by their owner
 * only, with the mode set at creation ({@code O_CREAT|O_EXCL}, no window where another user could
 * open them), never through a symbolic link; and the check that names a file others can read.
 * On a file system without POSIX permissions the modes are left to the system.
 */
public final class OwnerOnlyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /**
     * Creates a file that must not exist yet (not even as a symbolic link), mode 0600 from the start,
     * writes the content and forces it to disk. Missing parent directories are created with mode 0700.
     *
     * @throws FileAlreadyExistsException when anything exists under the name
     */
    public static void createNew(Path file, byte[] content) throws IOException {
        createParent(file);
        try (FileChannel ch = newChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /**
     * Opens a file for reading and appending: an existing one as it is, a missing one created as by
     * {@link #createNew} (mode 0600, parent directories 0700, never through a symbolic link).
     */
    public static FileChannel openForAppend(Path file) throws IOException {
        createParent(file);
        try {
            return newChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        } catch (FileAlreadyExistsException e) {
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    /**
     * @return why others than the owner can use the file, e.g. {@code mode 0644 (group and others may read it)};
     *         empty when only its owner can, or when the file system has no POSIX permissions
     */
    public static Optional<String> openToOthers(Path file) throws IOException {
        if (!POSIX) {
            return Optional.empty();
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> loose = EnumSet.copyOf(GROUP_OR_OTHERS);
        loose.retainAll(perms);
        if (loose.isEmpty()) {
            return Optional.empty();
        }
        boolean group = loose.stream().anyMatch(p -> p.name().startsWith("GROUP"));
        boolean others = loose.stream().anyMatch(p -> p.name().startsWith("OTHERS"));
        return Optional.of("mode " + octal(perms) + " (" + (group && others ? "group and others" : group ? "its group" : "others")
                + " may use it; chmod 600 " + file + ")");
    }

    private static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            if (POSIX) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
    }

    private static FileChannel newChannel(Path file, Set<OpenOption> options) throws IOException {
        if (!POSIX) {
            return FileChannel.open(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        return FileChannel.open(file, options, mode);
    }
}
