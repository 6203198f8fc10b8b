package dev.passerelle.sovereign.audit;

import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.config.SovereignKeys;
import dev.passerelle.sovereign.config.SovereignProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Audit settings: {@code passerelle.audit.key-file} (required to audit: at least 32 raw bytes, or
 * their base64), {@code passerelle.audit.file} (default
 * {@code <passerelle.state-dir>/audit/audit-<instance>.jsonl}), {@code passerelle.audit.instance}
 * (default: the host name), and per bucket {@code passerelle.buckets.<b>.audit=false} to switch it off.
 *
 * @param file the audit file of this instance
 * @param key the audit key (never logged)
 * @param instance the instance name, recorded in a new file's {@code chain-start} line
 */
public record AuditSettings(Path file, byte[] key, String instance) {

    /**
     * @return the settings, or empty when {@code passerelle.audit.key-file} is not set (auditing off)
     * @throws ConfigException naming the key when the key file is missing, unreadable or too short
     */
    public static Optional<AuditSettings> from(SovereignProperties props) {
        if (props.find(SovereignKeys.AUDIT_KEY_FILE).isEmpty()) {
            if (props.find(SovereignKeys.AUDIT_FILE).isPresent()) {
                throw new ConfigException(SovereignKeys.AUDIT_KEY_FILE.name(), "missing setting (passerelle.audit.file is set)");
            }
            return Optional.empty();
        }
        byte[] key = readKey(props.readFile(SovereignKeys.AUDIT_KEY_FILE.name()));
        String instance = props.find(SovereignKeys.AUDIT_INSTANCE).orElseGet(AuditSettings::hostName);
        if (!AuditChain.validInstance(instance)) {
            throw new ConfigException("passerelle.audit.instance", "must match [A-Za-z0-9._-]{1,200}, got '" + instance + "'");
        }
        Path file = props.find(SovereignKeys.AUDIT_FILE)
                .orElseGet(() -> Path.of(props.get("passerelle.state-dir", "./state"), "audit", "audit-" + instance + ".jsonl"));
        return Optional.of(new AuditSettings(file, key, instance));
    }

    private static byte[] readKey(byte[] content) {
        if (content.length >= 32 && !isBase64Text(content)) {
            return content;
        }
        try {
            byte[] k = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).trim());
            if (k.length >= 32) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw new ConfigException("passerelle.audit.key-file", "expected at least 32 random bytes, raw or base64");
    }

    private static boolean isBase64Text(byte[] content) {
        String s = new String(content, StandardCharsets.US_ASCII).trim();
        return s.matches("[A-Za-z0-9+/=\\s]+");
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "gateway";
            }
        }
        String name = h.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** @return whether a bucket is audited ({@code passerelle.buckets.<b>.audit}, default true) */
    public static boolean auditsBucket(SovereignProperties props, String bucket) {
        return props.get(SovereignKeys.BUCKET_AUDIT, bucket);
    }

    /** @return the file, never the key */
    @Override
    public String toString() {
        return "AuditSettings[file=" + file + ", instance=" + instance + "]";
    }
}
