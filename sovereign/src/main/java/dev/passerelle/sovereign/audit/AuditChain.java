package dev.passerelle.sovereign.audit;

import dev.passerelle.api.io.Hex;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;

/**
 * The MAC chain of the audit log. A line is {@code BODY} with its closing brace replaced by
 * {@code ,"mac":"<hex>"}} where {@code mac = HMAC-SHA-256(auditKey, previousMac + "\n" + BODY)} and
 * the first line's previous MAC is {@link #GENESIS}. A file's first line ({@value #START}) carries the
 * writing instance and a random seed, so that every file's chain is its own. Editing, inserting, deleting or reordering a
 * line breaks the chain at that line; rebuilding it needs the audit key.
 */
public final class AuditChain {
    /** The "previous MAC" of the first line. */
    public static final String GENESIS = "0".repeat(64);
    private static final Pattern SUFFIX = Pattern.compile(",\"mac\":\"[0-9a-f]{64}\"}$");
    private static final int SUFFIX_LENGTH = ",\"mac\":\"".length() + 64 + 2;
    /** The operation of a file's first line, which carries the chain's random seed. */
    static final String START = "chain-start";
    private static final Pattern START_LINE = Pattern.compile(
            "^\\{\"time\":\"[^\"]*\",\"op\":\"" + START + "\",\"instance\":\"([A-Za-z0-9._-]+)\",\"seed\":\"([0-9a-f]{64})\"");

    private final SecretKeySpec key;

    /** @param auditKey the institution-held audit key (at least 32 bytes) */
    public AuditChain(byte[] auditKey) {
        if (auditKey.length < 32) {
            throw new IllegalArgumentException("the audit key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(auditKey, "HmacSHA256");
    }

    /** @return the MAC of a line body chained to the previous MAC */
    public String mac(String previousMac, String body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(previousMac.getBytes(StandardCharsets.US_ASCII));
            m.update((byte) '\n');
            return Hex.encode(m.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** @return the full line (without newline) for a body and its MAC */
    static String line(String body, String mac) {
        return body.substring(0, body.length() - 1) + ",\"mac\":\"" + mac + "\"}";
    }

    /** @return whether a line has the MAC suffix */
    static boolean hasMac(String line) {
        return line.length() > SUFFIX_LENGTH && SUFFIX.matcher(line).find();
    }

    /** @return the MAC a line carries; only if {@link #hasMac} */
    static String macOf(String line) {
        return line.substring(line.length() - 66, line.length() - 2);
    }

    /** @return the body of a file's first line: the instance and a fresh random seed, so that no two chains share a MAC */
    static String startBody(java.time.Instant time, String instance, String seed) {
        StringBuilder sb = new StringBuilder(160).append('{');
        Json.name(sb, "time");
        Json.string(sb, time.toString());
        Json.name(sb, "op");
        Json.string(sb, START);
        Json.name(sb, "instance");
        Json.string(sb, instance);
        Json.name(sb, "seed");
        Json.string(sb, seed);
        return sb.append('}').toString();
    }

    /** @return {instance, seed} of a {@code chain-start} line, or null for any other line */
    static String[] startOf(String line) {
        java.util.regex.Matcher m = START_LINE.matcher(line);
        return m.find() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** @return whether an instance name is acceptable in a file name and a {@code chain-start} line */
    public static boolean validInstance(String instance) {
        return instance != null && instance.matches("[A-Za-z0-9._-]{1,200}");
    }

    /** @return the body a line's MAC covers; only if {@link #hasMac} */
    static String bodyOf(String line) {
        return line.substring(0, line.length() - SUFFIX_LENGTH) + "}";
    }
}
