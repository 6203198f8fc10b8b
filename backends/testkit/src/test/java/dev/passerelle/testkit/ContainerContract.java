package dev.passerelle.testkit;

import dev.passerelle.api.ContainerInfo;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ListRequest;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;

import static dev.passerelle.testkit.Kit.ctx;
import static dev.passerelle.testkit.Kit.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Container lifecycle and its errors. */
public interface ContainerContract extends ContractSupport {

    @Test
    default void createdContainerExistsAndIsListed() {
        String name = newContainerName();
        assertFalse(store().containerExists(name, ctx()), "fresh name does not exist yet");
        store().createContainer(name, ctx());
        assertTrue(store().containerExists(name, ctx()));
        List<String> names = store().listContainers(ctx()).stream().map(ContainerInfo::name).toList();
        assertTrue(names.contains(name), "listContainers shows " + name);
        assertTrue(names.contains(container()), "listContainers shows the test container");
    }

    @Test
    default void listContainersIsSortedByName() {
        String a = newContainerName();
        String b = newContainerName();
        store().createContainer(a, ctx());
        store().createContainer(b, ctx());
        List<String> names = store().listContainers(ctx()).stream().map(ContainerInfo::name).toList();
        assertEquals(names.stream().sorted().toList(), names, "containers are listed sorted by name");
    }

    @Test
    default void creatingAnExistingContainerFailsWithAlreadyExists() {
        expect(ErrorKind.ALREADY_EXISTS, () -> store().createContainer(container(), ctx()));
        assertTrue(store().containerExists(container(), ctx()));
    }

    @Test
    default void deletingAnEmptyContainerRemovesIt() {
        String name = newContainerName();
        store().createContainer(name, ctx());
        store().deleteContainer(name, ctx());
        assertFalse(store().containerExists(name, ctx()));
        assertFalse(store().listContainers(ctx()).stream().anyMatch(c -> c.name().equals(name)));
    }

    @Test
    default void deletingAMissingContainerFailsWithContainerNotFound() {
        String name = newContainerName();
        expect(ErrorKind.CONTAINER_NOT_FOUND, () -> store().deleteContainer(name, ctx()));
    }

    @Test
    default void deletingANonEmptyContainerIsRefusedAndLosesNothing() {
        byte[] data = Kit.bytes(1000, 1);
        Kit.put(store(), container(), "keep/me", data);
        Kit.put(store(), container(), "top", data);
        expect(ErrorKind.CONFLICT, () -> store().deleteContainer(container(), ctx()));
        assertTrue(store().containerExists(container(), ctx()));
        assertArrayEquals(data, Kit.read(store(), container(), "keep/me"));
        assertArrayEquals(data, Kit.read(store(), container(), "top"));
        assertEquals(List.of("keep/me", "top"), keysOf(container()));
    }

    @Test
    default void badContainerNamesAreInvalidArguments() {
        for (String bad : List.of("ab", "UPPER", "has_underscore", "-lead", "trail-", "dou--ble", "dot.ted", "a".repeat(64), "../up")) {
            StorageException e = expect(ErrorKind.INVALID_ARGUMENT, () -> store().createContainer(bad, ctx()));
            assertEquals("invalid_bucket_name", e.code(), "code for " + bad);
            expect(ErrorKind.INVALID_ARGUMENT, () -> store().containerExists(bad, ctx()));
            expect(ErrorKind.INVALID_ARGUMENT, () -> store().put(bad, "k", new ByteArrayInputStream(new byte[1]), 1, dev.passerelle.api.PutOptions.defaults()));
        }
    }

    @Test
    default void objectCallsOnAMissingContainerFailWithContainerNotFound() {
        String name = newContainerName();
        expect(ErrorKind.CONTAINER_NOT_FOUND, () -> Kit.put(store(), name, "k", new byte[3]));
        expect(ErrorKind.CONTAINER_NOT_FOUND, () -> store().get(name, "k", GetOptions.defaults()).close());
        expect(ErrorKind.CONTAINER_NOT_FOUND, () -> store().head(name, "k", GetOptions.defaults()));
        expect(ErrorKind.CONTAINER_NOT_FOUND, () -> store().delete(name, "k", ctx()));
        expect(ErrorKind.CONTAINER_NOT_FOUND, () -> store().listPage(name, ListRequest.all()));
        assertFalse(store().containerExists(name, ctx()), "a failed put does not create the container");
    }
}
