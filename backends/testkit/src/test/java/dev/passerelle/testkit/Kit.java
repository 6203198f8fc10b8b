package dev.passerelle.testkit;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListPage;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.io.Hex;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Small helpers shared by the contract tests. */
public final class Kit {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Kit() {
    }

    /** @return a fresh, valid, random container name ({@code pk-} + 16 random characters) */
    public static String randomContainerName() {
        StringBuilder sb = new StringBuilder("pk-");
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** @return a context naming the contract kit as the caller */
    public static CallContext ctx() {
        return CallContext.of("contract-kit");
    }

    /** @return {@code n} deterministic bytes for a seed */
    public static byte[] bytes(int n, long seed) {
        return PseudoRandomInputStream.bytes(seed, n);
    }

    /** Puts bytes with a declared length and default options. */
    public static ObjectInfo put(BlobStore store, String container, String key, byte[] data) {
        return put(store, container, key, data, PutOptions.defaults());
    }

    /** Puts bytes with a declared length. */
    public static ObjectInfo put(BlobStore store, String container, String key, byte[] data, PutOptions options) {
        return store.put(container, key, new ByteArrayInputStream(data), data.length, options);
    }

    /** @return the whole object's bytes */
    public static byte[] read(BlobStore store, String container, String key) {
        try (ObjectContent content = store.get(container, key, GetOptions.defaults())) {
            return readAll(content);
        }
    }

    /** @return every byte of the content's stream, checking it holds exactly {@code length()} bytes */
    public static byte[] readAll(ObjectContent content) {
        byte[] bytes = readAll(content.stream());
        assertEquals(content.length(), bytes.length, "content stream holds length() bytes");
        return bytes;
    }

    /** @return every byte of a stream (for small objects only) */
    public static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the lowercase hex SHA-256 of the bytes */
    public static String sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    /** @return the lowercase hex MD5 of the bytes */
    public static String md5(byte[] data) {
        return digest("MD5", data);
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return Hex.encode(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the call and asserts it throws a {@link StorageException} of the given kind.
     *
     * @return the exception, for further checks
     */
    public static StorageException expect(ErrorKind kind, Executable call) {
        StorageException e = assertThrows(StorageException.class, call, "expected " + kind);
        assertEquals(kind, e.kind(), () -> "expected " + kind + " but got " + e.getMessage());
        return e;
    }

    /** Asserts the key has no object: head answers OBJECT_NOT_FOUND and get too. */
    public static void assertAbsent(BlobStore store, String container, String key) {
        expect(ErrorKind.OBJECT_NOT_FOUND, () -> store.head(container, key, GetOptions.defaults()));
        expect(ErrorKind.OBJECT_NOT_FOUND, () -> store.get(container, key, GetOptions.defaults()).close());
    }

    /** @return the keys of every object of a listing, in the order listed (all pages) */
    public static List<String> listKeys(BlobStore store, String container, ListRequest request) {
        List<String> keys = new ArrayList<>();
        for (ListPage page : store.list(container, request)) {
            assertPageSize(page, request.pageSize());
            page.objects().forEach(o -> keys.add(o.key()));
        }
        return keys;
    }

    /** @return every key of a container, listed flat */
    public static List<String> listAllKeys(BlobStore store, String container) {
        return listKeys(store, container, ListRequest.all());
    }

    /** Asserts a page respects the page size. */
    public static void assertPageSize(ListPage page, int pageSize) {
        if (page.size() > pageSize) {
            fail("page holds " + page.size() + " entries, more than the page size " + pageSize);
        }
    }

    /** Deletes every object of a container, then the container; used for cleanup. */
    public static void deleteContainerAndContents(BlobStore store, String container) {
        if (!store.containerExists(container, ctx())) {
            return;
        }
        while (true) {
            ListPage page = store.listPage(container, ListRequest.all());
            if (page.objects().isEmpty()) {
                break;
            }
            for (ObjectInfo o : page.objects()) {
                try {
                    store.delete(container, o.key(), ctx());
                } catch (StorageException e) {
                    if (e.kind() != ErrorKind.OBJECT_NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
        store.deleteContainer(container, ctx());
    }
}
