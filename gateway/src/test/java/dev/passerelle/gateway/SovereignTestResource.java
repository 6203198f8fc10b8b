package dev.passerelle.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The gateway of {@link GatewayTestResource} plus the sovereign controls: a KEK, an audit key and
 * file, encrypted buckets {@value #VAULT} and {@value #VAULT_2}, and a {@code health} bucket {@value #HEALTH} allowed on
 * the French disk by {@code passerelle.policy.health.*}.
 */
public class SovereignTestResource extends GatewayTestResource {
    /** The encrypted bucket. */
    public static final String VAULT = "vault";
    /** A second encrypted bucket, under the same KEK. */
    public static final String VAULT_2 = "vault-2";
    /** The bucket classified {@code health}. */
    public static final String HEALTH = "health-records";

    /** @return the audit file of the gateway under test */
    public static Path auditFile() {
        return base().resolve("state/audit/gateway-test.jsonl");
    }

    /** @return the audit key the gateway under test chains its lines with */
    public static Path auditKey() {
        return base().resolve("keys/audit.key");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> c = new java.util.HashMap<>(super.start());
        try {
            Path keys = Files.createDirectories(base().resolve("keys"));
            SecureRandom random = new SecureRandom();
            byte[] kek = new byte[32];
            random.nextBytes(kek);
            Files.write(keys.resolve("kek-1.key"), kek);
            byte[] audit = new byte[32];
            random.nextBytes(audit);
            Files.write(keys.resolve("audit.key"), audit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.put("passerelle.backends.local.certifications", "HDS");
        c.put("passerelle.keys.kek-1.file", base().resolve("keys/kek-1.key").toString());
        c.put("passerelle.audit.key-file", auditKey().toString());
        c.put("passerelle.audit.file", auditFile().toString());
        c.put("passerelle.buckets." + VAULT + ".encryption", "required");
        c.put("passerelle.buckets." + VAULT_2 + ".encryption", "required");
        c.put("passerelle.buckets." + HEALTH + ".classification", "health");
        c.put("passerelle.buckets.renamed.container", "renamed-store"); // makes the name renamed-store reserved
        c.put("passerelle.policy.health.allowed-jurisdictions", "FR,EU");
        c.put("passerelle.policy.health.required-certifications", "HDS");
        return c;
    }
}
