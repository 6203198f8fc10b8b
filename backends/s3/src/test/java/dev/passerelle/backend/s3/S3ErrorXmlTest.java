package dev.passerelle.backend.s3;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Error answers as hosts and the proxies in front of them send them. */
class S3ErrorXmlTest {

    @Test
    void anS3ErrorGivesItsCodeAndDecodedMessage() {
        S3ErrorXml e = S3ErrorXml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match &amp; &lt;check&gt; your key</Message>"
                + "<RequestId>4442587FB7D0A2F9</RequestId></Error>");
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals("The request signature we calculated does not match & <check> your key", e.message());
    }

    @Test
    void cdataAndANamespaceAreRead() {
        S3ErrorXml e = S3ErrorXml.parse("<Error xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Code><![CDATA[NoSuchKey]]></Code>"
                + "<Message>The specified key does not exist.</Message></Error>");
        assertEquals("NoSuchKey", e.code());
        assertEquals("The specified key does not exist.", e.message());
    }

    @Test
    void onlyTheErrorsOwnCodeCounts() {
        // a Code nested deeper (e.g. in a detail element) is not the error's code
        S3ErrorXml e = S3ErrorXml.parse("<Error><Detail><Code>Inner</Code></Detail><Code>SlowDown</Code></Error>");
        assertEquals("SlowDown", e.code());
        assertNull(S3ErrorXml.parse("<ListBucketResult><Code>NotAnError</Code></ListBucketResult>").code());
    }

    @Test
    void whatProxiesSendGivesNothingOrWhatWasReadBeforeTheCut() {
        assertNull(S3ErrorXml.parse("").code());
        assertNull(S3ErrorXml.parse(null).code());
        assertNull(S3ErrorXml.parse("<html><body><h1>502 Bad Gateway</h1></body></html>").code());
        assertNull(S3ErrorXml.parse("Service Unavailable").code());
        S3ErrorXml cut = S3ErrorXml.parse("<Error><Code>InternalError</Code><Message>We encountered an int");
        assertEquals("InternalError", cut.code());
        assertNull(cut.message());
    }

    @Test
    void noEntityOutsideTheDocumentIsResolved() {
        S3ErrorXml e = S3ErrorXml.parse("<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Error><Code>&x;</Code></Error>");
        assertNull(e.message());
        assertEquals(true, e.code() == null || !e.code().contains("root:"), String.valueOf(e.code()));
    }
}
