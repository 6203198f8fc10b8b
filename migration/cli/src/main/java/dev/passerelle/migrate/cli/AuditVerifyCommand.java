package dev.passerelle.migrate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.passerelle.migrate.ExitCodes;
import dev.passerelle.migrate.UsageException;
import dev.passerelle.migrate.report.Json;
import dev.passerelle.sovereign.audit.AuditHead;
import dev.passerelle.sovereign.audit.AuditSettings;
import dev.passerelle.sovereign.audit.AuditVerification;
import dev.passerelle.sovereign.audit.AuditVerifier;
import dev.passerelle.sovereign.config.SovereignProperties;
import org.eclipse.microprofile.config.Config;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code audit-verify FILE --config CONF [--expect-last MAC | --expect-head HEAD]}: checks an audit file's MAC chain
 * under the audit key ({@code passerelle.audit.key-file}), names the first broken line, and prints the
 * last MAC (the checkpoint to keep elsewhere). It only reads the configuration and the file: it never
 * starts Passerelle, which would open and lock an audit file of its own, so it can check a live
 * gateway's file.
 */
@CommandLine.Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = "Check an audit file's MAC chain under passerelle.audit.key-file; name the first broken line and print the last MAC. "
                + "With --expect-last or --expect-head, also fail if the log no longer reaches that checkpoint (its tail was cut off).")
public class AuditVerifyCommand implements Callable<Integer> {
    /** Settings read by name, so that their environment variables work too. */
    private static final List<String> SETTINGS = List.of("passerelle.audit.key-file", "passerelle.audit.file",
            "passerelle.audit.instance", "passerelle.state-dir");

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "The audit file (JSON lines).")
    Path file;

    @CommandLine.Option(names = "--expect-last", paramLabel = "MAC",
            description = "A MAC printed by an earlier audit-verify: the log must still contain it.")
    String expectLast;

    @CommandLine.Option(names = "--expect-head", paramLabel = "HEAD",
            description = "A head the gateway published (its 'audit head' log line, the JSON of GET /api/v1/admin/audit/head, "
                    + "or a file holding either): the file must start from its seed and its line LINES must carry its MAC.")
    String expectHead;

    /** @return 0 when the chain verifies (and reaches --expect-last / --expect-head), 1 when it is broken or truncated */
    @Override
    public Integer call() {
        if (expectLast != null && !expectLast.trim().matches("[0-9a-fA-F]{64}")) {
            throw new UsageException("--expect-last must be a MAC as audit-verify prints it (64 hexadecimal digits)");
        }
        if (expectLast != null && expectHead != null) {
            throw new UsageException("give --expect-last or --expect-head, not both");
        }
        AuditHead head = expectHead == null ? null : HeadArgument.parse(expectHead);
        byte[] key;
        try (Context ctx = new Context(common.config)) {
            key = auditKey(ctx.config());
        }
        AuditVerification v;
        try {
            v = head != null ? new AuditVerifier(key).verifyHead(file, head) : new AuditVerifier(key).verify(file, expectLast);
        } catch (IOException e) {
            throw new UsageException("cannot read audit file " + file + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        int exit = ExitCodes.of(v);
        if (common.json) {
            printJson(v, exit);
        } else if (!common.quiet) {
            System.out.println(file + ": " + v.summary());
        }
        return exit;
    }

    /**
     * @return the audit key
     * @throws UsageException when none is configured; {@code ConfigException} naming the key when it cannot be read
     */
    private static byte[] auditKey(Config config) {
        Set<String> names = new TreeSet<>(SETTINGS);
        config.getPropertyNames().forEach(names::add);
        SovereignProperties props = SovereignProperties.of(names, n -> config.getOptionalValue(n, String.class));
        return AuditSettings.from(props).map(AuditSettings::key).orElseThrow(() -> new UsageException(
                "passerelle.audit.key-file: missing setting (audit-verify needs the audit key: give --config CONF)"));
    }

    private void printJson(AuditVerification v, int exit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "audit-verify");
        m.put("exitCode", exit);
        m.put("file", file.toString());
        m.put("ok", v.ok());
        m.put("lines", v.lines());
        m.put("firstBrokenLine", v.firstBrokenLine() == 0 ? null : v.firstBrokenLine());
        m.put("problem", v.problem());
        m.put("lastMac", v.lastMac());
        m.put("seed", v.seed());
        try {
            JsonGenerator g = Json.FACTORY.createGenerator(System.out);
            Json.write(g, m);
            g.flush();
            System.out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
