package dev.passerelle.testkit;

import dev.passerelle.api.Conditions;
import dev.passerelle.api.CopyOptions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Server-side copy, when {@code serverSideCopy} says so; UNSUPPORTED otherwise. */
public interface CopyContract extends ContractSupport {

    @Test
    default void copyKeepsBytesMetadataAndChecksums() {
        requireCapability(caps().serverSideCopy(), "serverSideCopy");
        byte[] data = Kit.bytes(300_000, 60);
        Map<String, String> meta = caps().userMetadata() ? Map.of("origin", "Île-de-France") : Map.of();
        Kit.put(store(), container(), "src/obj", data, PutOptions.builder().contentType("application/x-test").userMetadata(meta).build());
        String target = newContainerName();
        store().createContainer(target, Kit.ctx());
        ObjectInfo copied = store().copy(container(), "src/obj", target, "dst/obj", CopyOptions.defaults());
        assertEquals("dst/obj", copied.key());
        assertEquals(data.length, copied.size());
        assertArrayEquals(data, Kit.read(store(), target, "dst/obj"));
        ObjectInfo head = store().head(target, "dst/obj", GetOptions.defaults());
        if (caps().userMetadata()) {
            assertEquals("application/x-test", head.contentType());
            assertEquals(meta, head.userMetadata());
        }
        if (caps().storesChecksums()) {
            assertEquals(Kit.sha256(data), head.passerelleSha256().orElseThrow(), "copy keeps Passerelle's SHA-256");
        }
        assertArrayEquals(data, Kit.read(store(), container(), "src/obj"), "the source is untouched");
    }

    @Test
    default void copyWithinOneContainerOverwritesTheTarget() {
        requireCapability(caps().serverSideCopy(), "serverSideCopy");
        byte[] data = Kit.bytes(1000, 61);
        Kit.put(store(), container(), "a", data);
        Kit.put(store(), container(), "b", Kit.bytes(10, 62));
        store().copy(container(), "a", container(), "b", CopyOptions.defaults());
        assertArrayEquals(data, Kit.read(store(), container(), "b"));
    }

    @Test
    default void copyChecksSourceConditionsAndMissingSource() {
        requireCapability(caps().serverSideCopy(), "serverSideCopy");
        ObjectInfo src = Kit.put(store(), container(), "src", Kit.bytes(10, 63));
        Kit.expect(ErrorKind.OBJECT_NOT_FOUND, () -> store().copy(container(), "missing", container(), "dst", CopyOptions.defaults()));
        Kit.expect(ErrorKind.PRECONDITION_FAILED,
                () -> store().copy(container(), "src", container(), "dst", new CopyOptions(Conditions.ifMatch("\"stale\""), null)));
        Kit.assertAbsent(store(), container(), "dst");
        store().copy(container(), "src", container(), "dst", new CopyOptions(Conditions.ifMatch(src.etag()), null));
        Kit.expect(ErrorKind.CONTAINER_NOT_FOUND, () -> store().copy(container(), "src", newContainerName(), "dst", CopyOptions.defaults()));
    }

    @Test
    default void copyIsUnsupportedWithoutTheCapability() {
        org.junit.jupiter.api.Assumptions.assumeFalse(caps().serverSideCopy(), "backend declares serverSideCopy");
        Kit.put(store(), container(), "src", Kit.bytes(10, 64));
        Kit.expect(ErrorKind.UNSUPPORTED, () -> store().copy(container(), "src", container(), "dst", CopyOptions.defaults()));
        Kit.assertAbsent(store(), container(), "dst");
    }
}
