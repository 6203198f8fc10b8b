package dev.passerelle.backend.azure;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ListTokenTest {
    @Test
    void roundTrips() {
        for (ListToken t : new ListToken[] {new ListToken(null, null), new ListToken("2!84!MDAwMDE2IWE-", "photos/é/\uD83D\uDE00"),
                new ListToken("m", null), new ListToken(null, "k")}) {
            assertEquals(t, ListToken.decode(t.encode()));
        }
    }

    @Test
    void garbageIsAnInvalidArgument() {
        for (String bad : new String[] {"%%not a token%%", "djI", "", "djEKbQ"}) {
            StorageException e = assertThrows(StorageException.class, () -> ListToken.decode(bad));
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
            assertEquals("invalid_continuation_token", e.code());
        }
    }
}
