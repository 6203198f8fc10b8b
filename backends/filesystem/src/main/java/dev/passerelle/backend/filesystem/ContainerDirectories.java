package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;

/** Creating and deleting container directories under the root. */
final class ContainerDirectories {
    private final Path root;
    private final Layout layout;
    private final Comparator<String> order;

    ContainerDirectories(Path root, Layout layout, Comparator<String> order) {
        this.root = root;
        this.layout = layout;
        this.order = order;
    }

    /** Creates the directory of a (validated) container name. */
    void create(String container) {
        try {
            Files.createDirectory(root.resolve(container));
            TempFiles.fsyncDirectory(root);
        } catch (FileAlreadyExistsException e) {
            throw new StorageException(ErrorKind.ALREADY_EXISTS, "container already exists").withLocation(container, null);
        } catch (IOException e) {
            throw FsErrors.map("create container", e).withLocation(container, null);
        }
    }

    /**
     * Deletes a container directory that holds no object. Only empty directories (and the managed
     * layout's own segment files) are removed; any other file makes the delete fail with CONFLICT.
     */
    void delete(String container, Path dir) {
        try {
            if (new KeyWalker(layout.naming(), order, dir, "", "", null, 2).next() != null) {
                throw new StorageException(ErrorKind.CONFLICT, "container is not empty").withLocation(container, null);
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (layout instanceof ManagedLayout && file.getFileName().toString().equals(KeyCodec.SEGMENT_FILE)) {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
            TempFiles.fsyncDirectory(root);
        } catch (DirectoryNotEmptyException e) {
            throw new StorageException(ErrorKind.CONFLICT, "container directory holds files that are not objects").withLocation(container, null);
        } catch (IOException e) {
            throw FsErrors.map("delete container", e).withLocation(container, null);
        }
    }
}
