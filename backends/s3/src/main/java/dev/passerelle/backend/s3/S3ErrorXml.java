package dev.passerelle.backend.s3;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;

/**
 * The {@code Code} and {@code Message} of an S3 error answer ({@code <Error><Code>..</Code><Message>..</Message></Error>}),
 * read as XML (entities decoded, CDATA and namespaces handled), never by pattern. A body that is
 * not that (empty, an HTML page from a proxy, XML cut short) gives what was read before the fault,
 * possibly nothing: the status alone then decides. No DTD, no external entity is ever resolved.
 *
 * @param code the error code, or null
 * @param message the message, or null
 */
record S3ErrorXml(String code, String message) {
    private static final XMLInputFactory FACTORY = factory();

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** @return the code and message found in the body; both null when it holds none */
    static S3ErrorXml parse(String body) {
        String code = null;
        String message = null;
        if (body == null || body.isBlank()) {
            return new S3ErrorXml(null, null);
        }
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(body));
            int depth = 0;
            boolean inError = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 1) {
                        inError = name.equals("Error");
                    } else if (depth == 2 && inError && (name.equals("Code") || name.equals("Message"))) {
                        String text = r.getElementText().trim(); // leaves the reader on the end element
                        depth--;
                        if (name.equals("Code")) {
                            code = text.isEmpty() ? null : text;
                        } else {
                            message = text.isEmpty() ? null : text;
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            // not XML, or cut short: keep what was read
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
        return new S3ErrorXml(code, message);
    }
}
