package dev.passerelle.sovereign.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an audit file's MAC chain line by line in constant memory, naming the first broken line.
 * The engine of {@code passerelle-migrate audit-verify FILE [--expect-last MAC | --expect-head HEAD]}:
 * truncation of the tail is only visible against a head (checkpoint) kept off the host, which must
 * still appear in the verified chain.
 */
public final class AuditVerifier {
    private final AuditChain chain;

    /** @param auditKey the institution-held audit key */
    public AuditVerifier(byte[] auditKey) {
        this.chain = new AuditChain(auditKey);
    }

    /**
     * @param file the audit file
     * @param expectLast a previously exported MAC the log must still reach, or null
     * @return the verification
     * @throws IOException when the file cannot be read
     */
    public AuditVerification verify(Path file, String expectLast) throws IOException {
        return verifyHead(file, expectLast == null ? null : new AuditHead(null, null, null, 0, expectLast.trim()));
    }

    /**
     * Checks the chain and, given a head the gateway published earlier, that the file still reaches
     * it: its line {@link AuditHead#lines()} carries {@link AuditHead#mac()} (any line does, when the
     * head gives no line count) and, when the head names a seed, the file starts from that seed.
     *
     * @param file the audit file
     * @param expected a published head (or only a MAC), or null
     * @return the verification
     * @throws IOException when the file cannot be read
     */
    public AuditVerification verifyHead(Path file, AuditHead expected) throws IOException {
        String previous = AuditChain.GENESIS;
        String seed = null;
        long n = 0;
        String expectedMac = expected == null ? null : expected.mac().toLowerCase(java.util.Locale.ROOT);
        boolean headSeen = expected == null;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while (true) {
                try {
                    line = r.readLine();
                } catch (CharacterCodingException e) {
                    return broken(n + 1, n + 1, "the line is not valid UTF-8", previous, seed);
                }
                if (line == null) {
                    break;
                }
                n++;
                if (!AuditChain.hasMac(line)) {
                    return broken(n, n, "the line carries no MAC (edited, torn or inserted)", previous, seed);
                }
                String mac = AuditChain.macOf(line);
                if (!chain.mac(previous, AuditChain.bodyOf(line)).equals(mac)) {
                    return broken(n, n, "the MAC does not match: this line was edited, or a line before it was deleted, "
                            + "inserted or reordered", previous, seed);
                }
                if (n == 1) {
                    String[] start = AuditChain.startOf(line);
                    seed = start == null ? null : start[1];
                    if (expected != null && expected.seed() != null && !expected.seed().equalsIgnoreCase(String.valueOf(seed))) {
                        return broken(n, 1, "the file does not start from the head's seed " + expected.seed()
                                + ": the head belongs to another file, or this file was replaced", previous, seed);
                    }
                }
                previous = mac;
                if (!headSeen && (expected.lines() == 0 || expected.lines() == n)) {
                    if (mac.equals(expectedMac)) {
                        headSeen = true;
                    } else if (expected.lines() == n) {
                        return broken(n, n, "line " + n + " does not carry the head's MAC " + expected.mac()
                                + ": the log was cut and written again after the head was published (or the head belongs to another log)",
                                previous, seed);
                    }
                }
            }
        }
        if (!headSeen) {
            String what = expected.lines() > 0 ? "the head at line " + expected.lines() + " (MAC " + expected.mac() + ")"
                    : "the expected last MAC " + expected.mac();
            return broken(n, n + 1, "the log no longer reaches " + what
                    + ": lines at the end were removed (or the checkpoint belongs to another log)", previous, seed);
        }
        return new AuditVerification(true, n, 0, null, previous, seed);
    }

    private static AuditVerification broken(long lines, long at, String problem, String lastGood, String seed) {
        return new AuditVerification(false, lines, at, problem, lastGood, seed);
    }
}
