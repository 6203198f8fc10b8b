package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionsTest {
    private static final Instant MODIFIED = Instant.parse("2026-03-01T10:00:00.700Z");
    private static final ObjectInfo CURRENT = new ObjectInfo("k", 3, "\"abc\"", "text/plain", MODIFIED, Map.of(), Map.of());

    private static ErrorKind read(Conditions c) {
        try {
            c.checkRead(CURRENT);
            return null;
        } catch (StorageException e) {
            return e.kind();
        }
    }

    private static ErrorKind write(Conditions c, ObjectInfo current) {
        try {
            c.checkWrite(current);
            return null;
        } catch (StorageException e) {
            return e.kind();
        }
    }

    @Test
    void ifMatchUsesStrongComparisonOverLists() {
        assertEquals(null, read(Conditions.ifMatch("\"abc\"")));
        assertEquals(null, read(Conditions.ifMatch("abc")));
        assertEquals(null, read(Conditions.ifMatch("\"x\", \"abc\"")));
        assertEquals(null, read(Conditions.ifMatch("*")));
        assertEquals(ErrorKind.PRECONDITION_FAILED, read(Conditions.ifMatch("\"x\"")));
        assertEquals(ErrorKind.PRECONDITION_FAILED, read(Conditions.ifMatch("W/\"abc\"")), "a weak tag never matches strongly");
    }

    @Test
    void ifNoneMatchUsesWeakComparison() {
        assertEquals(ErrorKind.NOT_MODIFIED, read(new Conditions(null, "\"abc\"", null, null)));
        assertEquals(ErrorKind.NOT_MODIFIED, read(new Conditions(null, "W/\"abc\"", null, null)));
        assertEquals(ErrorKind.NOT_MODIFIED, read(new Conditions(null, "\"x\",W/\"abc\"", null, null)));
        assertEquals(ErrorKind.NOT_MODIFIED, read(new Conditions(null, "*", null, null)));
        assertEquals(null, read(new Conditions(null, "\"x\"", null, null)));
    }

    @Test
    void datesCompareAtSecondPrecision() {
        Instant sameSecond = Instant.parse("2026-03-01T10:00:00Z");
        assertEquals(ErrorKind.NOT_MODIFIED, read(new Conditions(null, null, sameSecond, null)));
        assertEquals(null, read(new Conditions(null, null, sameSecond.minusSeconds(1), null)));
        assertEquals(null, read(new Conditions(null, null, null, sameSecond)));
        assertEquals(ErrorKind.PRECONDITION_FAILED, read(new Conditions(null, null, null, sameSecond.minusSeconds(1))));
    }

    @Test
    void rfc9110OrderIfMatchWinsOverIfUnmodifiedSince() {
        Instant longAgo = MODIFIED.minusSeconds(3600);
        assertEquals(null, read(new Conditions("abc", null, null, longAgo)), "If-Unmodified-Since is ignored when If-Match is present");
        assertEquals(ErrorKind.PRECONDITION_FAILED, read(new Conditions("x", "abc", null, null)), "412 is decided before 304");
    }

    @Test
    void rfc9110OrderIfNoneMatchWinsOverIfModifiedSince() {
        Instant future = MODIFIED.plusSeconds(3600);
        assertEquals(null, read(new Conditions(null, "\"x\"", future, null)), "If-Modified-Since is ignored when If-None-Match is present");
        assertEquals(ErrorKind.NOT_MODIFIED, read(new Conditions(null, null, future, null)));
    }

    @Test
    void writeConditions() {
        assertEquals(null, write(Conditions.ifNoneMatchAny(), null));
        assertEquals(ErrorKind.PRECONDITION_FAILED, write(Conditions.ifNoneMatchAny(), CURRENT));
        assertEquals(ErrorKind.PRECONDITION_FAILED, write(Conditions.ifMatch("abc"), null), "If-Match needs an object");
        assertEquals(null, write(Conditions.ifMatch("\"abc\""), CURRENT));
        assertEquals(ErrorKind.PRECONDITION_FAILED, write(Conditions.ifMatch("\"other\""), CURRENT));
        assertEquals(ErrorKind.PRECONDITION_FAILED, write(new Conditions(null, null, null, MODIFIED.minusSeconds(5)), CURRENT));
        assertEquals(null, write(new Conditions(null, null, null, MODIFIED.minusSeconds(5)), null));
        assertDoesNotThrow(() -> Conditions.NONE.checkWrite(CURRENT));
    }

    @Test
    void emptiness() {
        assertTrue(Conditions.NONE.isEmpty());
        assertFalse(Conditions.ifMatch("a").isEmpty());
        assertTrue(Conditions.matches(" * ", "anything", false));
        assertFalse(Conditions.matches(" , ", "abc", true));
    }
}
