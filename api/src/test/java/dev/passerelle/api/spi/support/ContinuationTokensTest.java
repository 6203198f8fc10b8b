package dev.passerelle.api.spi.support;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tokens keep the format callers already hold and refuse what a backend did not issue. */
class ContinuationTokensTest {
    private final ContinuationTokens s3 = new ContinuationTokens("s3.");
    private final ContinuationTokens jc = new ContinuationTokens("jc.");

    @Test
    void theFormatIsThePrefixAndUnpaddedBase64url() {
        assertEquals("s3.YWJj", s3.encode("abc"));
        assertEquals("jc.a2V5Lz8-", jc.encode("key/?>"));
        assertEquals("abc", s3.decode("s3.YWJj"), "a token issued before the helper moved still works");
        assertEquals("key/?>", jc.decode("jc.a2V5Lz8-"));
        for (String marker : new String[] {"x", "dir/ünï/ key", "1!2@3#", "\uD83D\uDE00"}) {
            assertEquals(marker, s3.decode(s3.encode(marker)));
        }
    }

    @Test
    void noNextPageIsNull() {
        assertNull(s3.encode(null));
        assertNull(jc.encode(""), "an empty marker is no next page");
        assertNull(s3.decode(null), "no token: the first page");
    }

    @Test
    void foreignTokensAreInvalidArguments() {
        for (String token : new String[] {"", "s3.", "YWJj", "jc.YWJj", "s3.***", "s3.Y"}) {
            StorageException e = assertThrows(StorageException.class, () -> s3.decode(token), token);
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
            assertEquals("invalid_continuation_token", e.code());
        }
        assertThrows(IllegalArgumentException.class, () -> new ContinuationTokens(""));
    }
}
