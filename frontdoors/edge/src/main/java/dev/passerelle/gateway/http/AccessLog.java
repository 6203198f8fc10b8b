package dev.passerelle.gateway.http;

import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/**
 * The access log (category {@code passerelle.access}): one line per exchange, written by
 * {@link RequestTracking} for routed requests and by the connection edge for what never reaches a
 * route (unparseable requests, header timeouts, refused connections). Every field is escaped.
 */
public final class AccessLog {
    private static final Logger ACCESS = Logger.getLogger("passerelle.access");
    /** Field values logged without quotes: tokens that cannot be mistaken for a separator or for {@code -}. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+-]*");

    private AccessLog() {
    }

    /**
     * One exchange.
     *
     * @param id the gateway's request id
     * @param clientId the id the client sent in {@code X-Request-Id}, or null
     * @param caller the token name, or null
     * @param method the HTTP method, or null when no request line was read
     * @param bucket the bucket addressed, or null
     * @param key the key addressed, or null
     * @param status the status sent, or {@code aborted} when none was
     * @param reason why the exchange did not complete, or null when it did
     * @param in the request body bytes received
     * @param out the response bytes sent
     * @param micros the duration
     * @param client the client's address, or null
     */
    public record Entry(String id, String clientId, String caller, String method, String bucket, String key, String status, String reason,
                        long in, long out, long micros, String client) {
    }

    /** Writes the line of one exchange. */
    public static void write(Entry e) {
        ACCESS.infof("id=%s client_id=%s caller=%s method=%s bucket=%s key=%s status=%s%s in=%d out=%d ms=%d.%03d client=%s",
                field(e.id()), field(e.clientId()), field(e.caller()), field(e.method()), field(e.bucket()), quote(e.key()), field(e.status()),
                e.reason() == null ? "" : " reason=" + field(e.reason()), e.in(), e.out(), e.micros() / 1000, e.micros() % 1000, field(e.client()));
    }

    /**
     * @return {@code -} for null, the value as is when it is a plain token, else the value {@link #quote quoted}: a
     *         field can never carry a space, a quote or a line break into the line (no forged fields or lines)
     */
    static String field(String value) {
        if (value == null) {
            return "-";
        }
        return PLAIN.matcher(value).matches() ? value : quote(value);
    }

    /** @return the value quoted with control characters, quotes and backslashes escaped (no log injection) */
    static String quote(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
