package dev.passerelle.backend.filesystem;

import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.StorageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Builds one listing page from a {@link KeyWalker}: prefix, delimiter roll-up, start-after, page size.
 * The continuation token is the last entry returned (an object key or a common prefix), base64url
 * encoded and versioned; it stays valid whatever is written meanwhile.
 */
final class FsLister {
    private static final String TOKEN_VERSION = "v1.";

    private final Layout layout;
    private final Comparator<String> order;

    FsLister(Layout layout, Comparator<String> order) {
        this.layout = layout;
        this.order = order;
    }

    private record Entry(String prefix, ObjectInfo object) {
        String name() {
            return prefix != null ? prefix : object.key();
        }
    }

    /** @return one page of the listing of a container directory */
    ListPage page(Path containerDir, ListRequest request) throws IOException {
        String prefix = request.prefix();
        String token = request.continuationToken();
        String bound = request.startAfter();
        String skip = null;
        if (token != null) {
            String decoded = decodeToken(token);
            bound = decoded.substring(1);
            if (decoded.charAt(0) == 'p') {
                skip = bound;
            }
        }
        int slash = prefix.lastIndexOf('/');
        List<String> dirSegments = slash < 0 ? List.of() : Arrays.asList(prefix.substring(0, slash).split("/", -1));
        Path startDir = layout.directoryFor(containerDir, dirSegments);
        if (startDir == null) {
            return new ListPage(List.of(), List.of(), null);
        }
        KeyWalker walker = new KeyWalker(layout.naming(), order, startDir, slash < 0 ? "" : prefix.substring(0, slash + 1),
                prefix, bound, request.pageSize() + 1);
        if (skip != null) {
            walker.skipPrefix(skip);
        }
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        while (objects.size() + prefixes.size() < request.pageSize()) {
            Entry e = nextEntry(walker, containerDir, request);
            if (e == null) {
                return new ListPage(objects, prefixes, null);
            }
            if (e.prefix() != null) {
                prefixes.add(e.prefix());
            } else {
                objects.add(e.object());
            }
            last = (e.prefix() != null ? "p" : "k") + e.name();
        }
        String next = nextEntry(walker, containerDir, request) == null ? null : encodeToken(last);
        return new ListPage(objects, prefixes, next);
    }

    private Entry nextEntry(KeyWalker walker, Path containerDir, ListRequest request) throws IOException {
        while (true) {
            KeyWalker.Found found = walker.next();
            if (found == null) {
                return null;
            }
            String delimiter = request.delimiter();
            if (delimiter != null) {
                int i = found.key().indexOf(delimiter, request.prefix().length());
                if (i >= 0) {
                    String common = found.key().substring(0, i + delimiter.length());
                    walker.skipPrefix(common);
                    if (request.startAfter() != null && order.compare(common, request.startAfter()) <= 0) {
                        continue;
                    }
                    return new Entry(common, null);
                }
            }
            try {
                return new Entry(null, layout.listedInfo(containerDir, found.path(), found.key()));
            } catch (NoSuchFileException e) {
                // deleted while we listed: not part of this listing
            }
        }
    }

    static String encodeToken(String entry) {
        return TOKEN_VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(entry.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            if (!token.startsWith(TOKEN_VERSION)) {
                throw new IllegalArgumentException("unknown version");
            }
            byte[] raw = Base64.getUrlDecoder().decode(token.substring(TOKEN_VERSION.length()));
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
            if (s.length() < 2 || (s.charAt(0) != 'k' && s.charAt(0) != 'p')) {
                throw new IllegalArgumentException("bad entry");
            }
            return s;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw StorageException.invalid("invalid_continuation_token", "the continuation token is not one this backend issued");
        }
    }
}
