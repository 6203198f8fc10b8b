package dev.passerelle.testkit;

import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.PutOptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Conditional reads (RFC 9110 §13) and conditional writes. */
public interface ConditionalContract extends ContractSupport {

    private ObjectInfo conditionalObject() {
        Kit.put(store(), container(), "cond", Kit.bytes(64, 30));
        return store().head(container(), "cond", GetOptions.defaults());
    }

    private byte[] getWith(Conditions conditions) {
        try (ObjectContent content = store().get(container(), "cond", GetOptions.defaults().withConditions(conditions))) {
            return Kit.readAll(content);
        }
    }

    private void expectGet(ErrorKind kind, Conditions conditions) {
        Kit.expect(kind, () -> getWith(conditions));
    }

    @Test
    default void getIfMatch() {
        ObjectInfo info = conditionalObject();
        assertEquals(64, getWith(Conditions.ifMatch(info.etag())).length, "bare ETag matches");
        assertEquals(64, getWith(Conditions.ifMatch("\"" + info.etag() + "\"")).length, "quoted ETag matches");
        assertEquals(64, getWith(Conditions.ifMatch("\"nope\", \"" + info.etag() + "\"")).length, "ETag in a list matches");
        assertEquals(64, getWith(Conditions.ifMatch("*")).length, "* matches an existing object");
        expectGet(ErrorKind.PRECONDITION_FAILED, Conditions.ifMatch("\"not-the-etag\""));
    }

    @Test
    default void getIfNoneMatch() {
        ObjectInfo info = conditionalObject();
        expectGet(ErrorKind.NOT_MODIFIED, new Conditions(null, "\"" + info.etag() + "\"", null, null));
        expectGet(ErrorKind.NOT_MODIFIED, new Conditions(null, "*", null, null));
        assertEquals(64, getWith(new Conditions(null, "\"other\"", null, null)).length);
    }

    @Test
    default void getIfModifiedSince() {
        ObjectInfo info = conditionalObject();
        Instant lm = info.lastModified();
        expectGet(ErrorKind.NOT_MODIFIED, new Conditions(null, null, lm, null));
        expectGet(ErrorKind.NOT_MODIFIED, new Conditions(null, null, lm.plusSeconds(3600), null));
        assertEquals(64, getWith(new Conditions(null, null, lm.minusSeconds(3600), null)).length);
    }

    @Test
    default void getIfUnmodifiedSince() {
        ObjectInfo info = conditionalObject();
        Instant lm = info.lastModified();
        assertEquals(64, getWith(new Conditions(null, null, null, lm.plusSeconds(3600))).length);
        assertEquals(64, getWith(new Conditions(null, null, null, lm)).length, "same second is not 'modified after'");
        expectGet(ErrorKind.PRECONDITION_FAILED, new Conditions(null, null, null, lm.minusSeconds(3600)));
    }

    @Test
    default void readConditionPrecedenceFollowsRfc9110() {
        ObjectInfo info = conditionalObject();
        Instant lm = info.lastModified();
        // If-Match present: If-Unmodified-Since is ignored
        assertEquals(64, getWith(new Conditions(info.etag(), null, null, lm.minusSeconds(3600))).length);
        // If-None-Match present: If-Modified-Since is ignored
        assertEquals(64, getWith(new Conditions(null, "\"other\"", lm.plusSeconds(3600), null)).length);
        // If-Match fails first, even if If-None-Match would say not modified
        expectGet(ErrorKind.PRECONDITION_FAILED, new Conditions("\"wrong\"", info.etag(), null, null));
    }

    @Test
    default void headAppliesReadConditions() {
        ObjectInfo info = conditionalObject();
        assertEquals(info.etag(), store().head(container(), "cond", GetOptions.defaults().withConditions(Conditions.ifMatch(info.etag()))).etag());
        Kit.expect(ErrorKind.PRECONDITION_FAILED, () -> store().head(container(), "cond", GetOptions.defaults().withConditions(Conditions.ifMatch("x"))));
        Kit.expect(ErrorKind.NOT_MODIFIED, () -> store().head(container(), "cond",
                GetOptions.defaults().withConditions(new Conditions(null, info.etag(), null, null))));
    }

    @Test
    default void putIfNoneMatchStarRefusesToOverwrite() {
        requireCapability(caps().conditionalPut(), "conditionalPut");
        byte[] original = Kit.bytes(100, 31);
        Kit.put(store(), container(), "create-only", original);
        PutOptions createOnly = PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build();
        Kit.expect(ErrorKind.PRECONDITION_FAILED, () -> Kit.put(store(), container(), "create-only", Kit.bytes(50, 32), createOnly));
        assertArrayEquals(original, Kit.read(store(), container(), "create-only"), "the existing object is intact");
    }

    @Test
    default void putIfNoneMatchStarCreatesAMissingObject() {
        requireCapability(caps().conditionalPut(), "conditionalPut");
        byte[] data = Kit.bytes(100, 33);
        PutOptions createOnly = PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build();
        Kit.put(store(), container(), "fresh", data, createOnly);
        assertArrayEquals(data, Kit.read(store(), container(), "fresh"));
    }

    @Test
    default void putIfMatchReplacesOnlyTheExpectedVersion() {
        requireCapability(caps().conditionalPut(), "conditionalPut");
        ObjectInfo v1 = Kit.put(store(), container(), "cas", Kit.bytes(10, 34));
        byte[] v2Data = Kit.bytes(20, 35);
        ObjectInfo v2 = Kit.put(store(), container(), "cas", v2Data, PutOptions.builder().conditions(Conditions.ifMatch(v1.etag())).build());
        Kit.expect(ErrorKind.PRECONDITION_FAILED,
                () -> Kit.put(store(), container(), "cas", Kit.bytes(30, 36), PutOptions.builder().conditions(Conditions.ifMatch(v1.etag())).build()));
        assertArrayEquals(v2Data, Kit.read(store(), container(), "cas"), "the stale write did not land");
        assertEquals(v2.etag(), store().head(container(), "cas", GetOptions.defaults()).etag());
        Kit.expect(ErrorKind.PRECONDITION_FAILED,
                () -> Kit.put(store(), container(), "cas-missing", Kit.bytes(5, 37), PutOptions.builder().conditions(Conditions.ifMatch(v1.etag())).build()));
        Kit.assertAbsent(store(), container(), "cas-missing");
    }
}
