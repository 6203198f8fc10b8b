package dev.passerelle.migrate.cli;

import com.fasterxml.jackson.core.JsonParser;
import dev.passerelle.migrate.UsageException;
import dev.passerelle.migrate.report.Json;
import dev.passerelle.sovereign.audit.AuditHead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The value of {@code audit-verify --expect-head}: the JSON head the gateway publishes (alone, inside
 * its {@code audit head ...: {json}} log line, or in a file holding either: its last head counts).
 */
final class HeadArgument {
    private HeadArgument() {
    }

    /**
     * @param value the option's value
     * @return the head
     * @throws UsageException when it is neither a head nor a readable file holding one
     */
    static AuditHead parse(String value) {
        String text = value.trim();
        if (!text.contains("{")) {
            Path file = Path.of(text);
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException | RuntimeException e) {
                throw new UsageException("--expect-head: cannot read " + value + " (" + e.getClass().getSimpleName()
                        + "); give the head's JSON, its log line, or a file holding one");
            }
        }
        int start = text.lastIndexOf("{\"file\"");
        if (start < 0) {
            throw new UsageException("--expect-head: no head {\"file\":...,\"lines\":...,\"mac\":...} found");
        }
        Map<?, ?> m;
        try (JsonParser p = Json.FACTORY.createParser(text.substring(start))) {
            p.nextToken();
            Object o = Json.read(p);
            if (!(o instanceof Map<?, ?> map)) {
                throw new IOException("not an object");
            }
            m = map;
        } catch (IOException e) {
            throw new UsageException("--expect-head: the head is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        Object mac = m.get("mac");
        Object lines = m.get("lines");
        Object seed = m.get("seed");
        if (!(mac instanceof String s) || !s.matches("[0-9a-fA-F]{64}") || !(lines instanceof Number n) || n.longValue() < 1
                || (seed != null && !(seed instanceof String sd && sd.matches("[0-9a-fA-F]{64}")))) {
            throw new UsageException("--expect-head: the head needs \"lines\" (at least 1), \"mac\" and \"seed\" (64 hexadecimal digits or null)");
        }
        return new AuditHead(str(m.get("file")), str(m.get("instance")), (String) seed, n.longValue(), s);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
