package dev.passerelle.sovereign.audit;

/**
 * The head of an audit file's chain: what an operator keeps outside the host to detect a cut tail.
 * The gateway publishes it at start-up, periodically, at shutdown and at
 * {@code GET /api/v1/admin/audit/head}; {@code audit-verify --expect-head} fails when the file's
 * line {@link #lines} no longer carries {@link #mac}.
 *
 * @param file the audit file (absolute path)
 * @param instance the instance that writes it
 * @param seed the random seed of the file's first line ({@code chain-start}), or null for a file written before seeds
 * @param lines the lines in the file
 * @param mac the MAC of the last line ({@link AuditChain#GENESIS} for an empty file)
 */
public record AuditHead(String file, String instance, String seed, long lines, String mac) {

    /** @return the head as one JSON object, e.g. {@code {"file":"...","instance":"gw1","seed":"...","lines":812,"mac":"..."}} */
    public String toJson() {
        StringBuilder sb = new StringBuilder(256).append('{');
        Json.name(sb, "file");
        Json.string(sb, file);
        Json.name(sb, "instance");
        Json.string(sb, instance);
        Json.name(sb, "seed");
        Json.string(sb, seed);
        Json.name(sb, "lines");
        sb.append(lines);
        Json.name(sb, "mac");
        Json.string(sb, mac);
        return sb.append('}').toString();
    }
}
