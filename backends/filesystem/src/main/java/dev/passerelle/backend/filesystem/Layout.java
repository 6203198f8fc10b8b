package dev.passerelle.backend.filesystem;

import dev.passerelle.api.Capabilities;
import dev.passerelle.api.ObjectInfo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/** How objects are laid out in a container directory: {@link ManagedLayout} or {@link PlainLayout}. */
interface Layout {

    /** An object opened for reading: its data starts at offset 0 of the channel. */
    record Opened(FileChannel channel, ObjectInfo info) {
    }

    /** @return what the store can do with this layout */
    Capabilities capabilities();

    /**
     * @return the file holding the key, always inside {@code containerDir}, or null when this layout
     *         cannot hold such a key (then no object can exist under it)
     */
    Path objectFile(Path containerDir, String key);

    /**
     * @return the directory holding keys that start with {@code segments} joined by {@code /} plus {@code /},
     *         or null when this layout cannot hold such keys
     */
    Path directoryFor(Path containerDir, List<String> segments);

    /** Creates the directories above an object file about to be committed. */
    void createParents(Path containerDir, String key) throws IOException;

    /**
     * Opens a committed object.
     *
     * @return the opened object; the caller closes the channel
     * @throws java.nio.file.NoSuchFileException when there is none (or the path is not a regular file)
     */
    Opened open(Path containerDir, Path file, String key) throws IOException;

    /** @return the info of an object found by a listing walk */
    ObjectInfo listedInfo(Path containerDir, Path file, String key) throws IOException;

    /** Appends whatever must follow the data in a temporary file (the managed trailer; nothing for plain). */
    void finishTemp(FileChannel channel, ObjectInfo info) throws IOException;

    /**
     * @param written what the put computed (key, size, content type, metadata, checksums, etag, time)
     * @param committed the file just committed
     * @return the info the put returns
     */
    ObjectInfo committedInfo(ObjectInfo written, Path committed) throws IOException;

    /** @return how a walk reads directory entries */
    KeyWalker.Naming naming();

    /** Removes directories left empty above a deleted object (best effort). */
    void pruneEmptyParents(Path containerDir, Path file);
}
