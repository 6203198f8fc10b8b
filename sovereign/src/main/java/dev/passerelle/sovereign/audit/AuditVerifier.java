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
 * The engine of {@code passerelle-migrate audit-verify FILE [--expect-last MAC]}: truncation of the
 * tail is only visible against an exported checkpoint, so {@code expectLast} must appear as the MAC
 * of some verified line.
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
        String previous = AuditChain.GENESIS;
        long n = 0;
        boolean checkpointSeen = expectLast == null;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while (true) {
                try {
                    line = r.readLine();
                } catch (CharacterCodingException e) {
                    return broken(n + 1, n + 1, "the line is not valid UTF-8", previous);
                }
                if (line == null) {
                    break;
                }
                n++;
                if (!AuditChain.hasMac(line)) {
                    return broken(n, n, "the line carries no MAC (edited, torn or inserted)", previous);
                }
                String mac = AuditChain.macOf(line);
                if (!chain.mac(previous, AuditChain.bodyOf(line)).equals(mac)) {
                    return broken(n, n, "the MAC does not match: this line was edited, or a line before it was deleted, "
                            + "inserted or reordered", previous);
                }
                previous = mac;
                if (!checkpointSeen && mac.equalsIgnoreCase(expectLast.trim())) {
                    checkpointSeen = true;
                }
            }
        }
        if (!checkpointSeen) {
            return broken(n, n + 1, "the log no longer reaches the expected last MAC " + expectLast
                    + ": lines at the end were removed (or the checkpoint belongs to another log)", previous);
        }
        return new AuditVerification(true, n, 0, null, previous);
    }

    private static AuditVerification broken(long lines, long at, String problem, String lastGood) {
        return new AuditVerification(false, lines, at, problem, lastGood);
    }
}
