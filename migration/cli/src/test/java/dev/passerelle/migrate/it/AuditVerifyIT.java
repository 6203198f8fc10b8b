package dev.passerelle.migrate.it;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.CallContext;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code audit-verify} through the real CLI on an audit file written by Passerelle (the in-process
 * instance plays the gateway): a clean chain, an edited line, a deleted line, and a tail cut off
 * behind an exported checkpoint.
 */
class AuditVerifyIT {
    static final Pattern MAC = Pattern.compile("\"mac\":\"([0-9a-f]{64})\"}$");

    @TempDir
    Path tmp;
    Fixture f;
    Path audit;

    @BeforeEach
    void setUp() throws IOException {
        audit = tmp.resolve("audit/gw1.jsonl");
        f = new Fixture(tmp).filesystem("local").set("passerelle.audit.file", audit.toString());
        f.set("passerelle.audit.key-file", f.secret("audit.key", Fixture.random(48, 7)).toString());
        f.write();
        BlobStore logs = f.passerelle().bucket("logs").store();
        logs.createContainer("logs", CallContext.of("req-0"));
        for (int i = 1; i <= 4; i++) {
            byte[] body = ("entry " + i).getBytes(StandardCharsets.UTF_8);
            logs.put("logs", "k" + i, new ByteArrayInputStream(body), body.length, PutOptions.builder().context(CallContext.of("req-" + i)).build());
        }
        try (ObjectContent c = logs.get("logs", "k2", GetOptions.of(CallContext.of("req-5")))) {
            c.stream().readAllBytes();
        }
        logs.delete("logs", "k3", CallContext.of("req-6"));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aCleanChainVerifiesWhileTheGatewayHoldsItAndPrintsTheLastMac() throws Exception {
        List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
        assertTrue(lines.size() >= 6, "lines: " + lines);
        Cli.Result r = Cli.run(tmp, f.args("audit-verify", audit.toString()));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("audit chain OK: " + lines.size() + " lines, last MAC " + mac(lines.get(lines.size() - 1))), r.toString());

        Cli.Result json = Cli.run(tmp, f.args("audit-verify", audit.toString(), "--json", "--expect-last", mac(lines.get(2))));
        assertEquals(0, json.exit(), json.toString());
        assertTrue(json.out().contains("\"ok\":true") && json.out().contains("\"lastMac\":\"" + mac(lines.get(lines.size() - 1)) + "\""), json.toString());
    }

    @Test
    void anEditedLineIsNamed() throws Exception {
        f.close();
        List<String> lines = new ArrayList<>(Files.readAllLines(audit, StandardCharsets.UTF_8));
        String third = lines.get(2);
        int digit = third.indexOf("req-") + 4;
        lines.set(2, third.substring(0, digit) + "9" + third.substring(digit + 1)); // another request id
        Files.write(audit, lines, StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(tmp, f.args("audit-verify", audit.toString()));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("BROKEN at line 3") && r.out().contains("last verified MAC " + mac(lines.get(1))), r.toString());
    }

    @Test
    void aDeletedLineIsNamed() throws Exception {
        f.close();
        List<String> lines = new ArrayList<>(Files.readAllLines(audit, StandardCharsets.UTF_8));
        lines.remove(1);
        Files.write(audit, lines, StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(tmp, f.args("audit-verify", audit.toString()));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("BROKEN at line 2"), r.toString());
    }

    @Test
    void aCutTailIsFoundOnlyAgainstTheExportedCheckpoint() throws Exception {
        f.close();
        List<String> lines = new ArrayList<>(Files.readAllLines(audit, StandardCharsets.UTF_8));
        String checkpoint = mac(lines.get(lines.size() - 1));
        lines.remove(lines.size() - 1);
        Files.write(audit, lines, StandardCharsets.UTF_8);

        Cli.Result alone = Cli.run(tmp, f.args("audit-verify", audit.toString()));
        assertEquals(0, alone.exit(), "a cut tail leaves a valid chain: " + alone);
        Cli.Result r = Cli.run(tmp, f.args("audit-verify", audit.toString(), "--expect-last", checkpoint));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("no longer reaches the expected last MAC " + checkpoint), r.toString());
        Cli.Result current = Cli.run(tmp, f.args("audit-verify", audit.toString(), "--expect-last", mac(lines.get(lines.size() - 1))));
        assertEquals(0, current.exit(), current.toString());
    }

    @Test
    void aTailCutWhileStoppedAndWrittenOnIsFoundAgainstThePublishedHead() throws Exception {
        String head = f.passerelle().auditHead().orElseThrow().toJson();
        long headLines = f.passerelle().auditHead().orElseThrow().lines();
        f.close();
        List<String> lines = new ArrayList<>(Files.readAllLines(audit, StandardCharsets.UTF_8));
        assertTrue(lines.get(0).contains("\"op\":\"chain-start\""), lines.get(0));
        Files.write(audit, lines.subList(0, lines.size() - 2), StandardCharsets.UTF_8);
        f.write(); // the restarted "gateway" continues the cut chain with two new lines
        BlobStore logs = f.passerelle().bucket("logs").store();
        for (int i = 7; i <= 8; i++) {
            byte[] body = ("late " + i).getBytes(StandardCharsets.UTF_8);
            logs.put("logs", "late" + i, new ByteArrayInputStream(body), body.length, PutOptions.builder().context(CallContext.of("req-" + i)).build());
        }
        String current = f.passerelle().auditHead().orElseThrow().toJson();
        f.close();
        assertEquals(headLines, Files.readAllLines(audit, StandardCharsets.UTF_8).size(), "as many lines as before the cut");

        Cli.Result alone = Cli.run(tmp, f.args("audit-verify", audit.toString()));
        assertEquals(0, alone.exit(), "the cut chain verifies on its own: " + alone);
        Cli.Result r = Cli.run(tmp, f.args("audit-verify", audit.toString(), "--expect-head", head));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("BROKEN at line " + headLines + ": line " + headLines + " does not carry the head's MAC"), r.toString());

        Path log = tmp.resolve("shipped.log");
        Files.writeString(log, "2026-12-03 08:00:00,000 INFO  [de.pa.co.SovereignLayers] audit head periodically: " + head + "\n");
        Cli.Result fromLog = Cli.run(tmp, f.args("audit-verify", audit.toString(), "--json", "--expect-head", log.toString()));
        assertEquals(1, fromLog.exit(), fromLog.toString());
        assertTrue(fromLog.out().contains("\"ok\":false"), fromLog.toString());
        Cli.Result now = Cli.run(tmp, f.args("audit-verify", audit.toString(), "--expect-head", current));
        assertEquals(0, now.exit(), now.toString());

        oneLine(Cli.run(tmp, f.args("audit-verify", audit.toString(), "--expect-head", "{\"file\":\"x\"}")), "--expect-head");
        oneLine(Cli.run(tmp, f.args("audit-verify", audit.toString(), "--expect-head", tmp.resolve("none.json").toString())), "--expect-head");
    }

    @Test
    void aWrongKeyBreaksTheFirstLineAndBadInputIsExit2() throws Exception {
        f.set("passerelle.audit.key-file", f.secret("other.key", Fixture.random(48, 8)).toString()).writeConfigOnly();
        Cli.Result wrong = Cli.run(tmp, f.args("audit-verify", audit.toString()));
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.out().contains("BROKEN at line 1"), wrong.toString());

        oneLine(Cli.run(tmp, f.args("audit-verify", tmp.resolve("none.jsonl").toString())), "cannot read audit file");
        oneLine(Cli.run(tmp, f.args("audit-verify", audit.toString(), "--expect-last", "xyz")), "--expect-last");
        f.unset("passerelle.audit.key-file").unset("passerelle.audit.file").writeConfigOnly();
        oneLine(Cli.run(tmp, f.args("audit-verify", audit.toString())), "passerelle.audit.key-file");
    }

    private static void oneLine(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
    }

    private static String mac(String line) {
        Matcher m = MAC.matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }
}
