package dev.passerelle.sovereign.policy;

import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.config.SovereignConfig;
import dev.passerelle.sovereign.config.SovereignProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidencyPolicyTest {
    private static final PolicyRule HEALTH = new PolicyRule("health", Set.of("FR", "EU"), Set.of("HDS"), true);
    private static final ResidencyPolicy POLICY = new ResidencyPolicy(Map.of("health", HEALTH,
            "public", new PolicyRule("public", Set.of(), Set.of(), false),
            "strict", new PolicyRule("strict", Set.of("FR"), Set.of(), false)));

    @TempDir
    Path dir;

    @Test
    void healthOnAUsBackendIsRefusedWithoutEncryptionAndAllowedWithIt() {
        BackendResidency azure = new BackendResidency("azure", "US", Set.of("HDS"));
        PolicyDecision plain = POLICY.evaluate("patients", "health", azure, false);
        assertFalse(plain.allowed());
        assertEquals("passerelle.policy.health.allowed-jurisdictions", plain.rule());
        assertTrue(plain.explanation().contains("bucket 'patients'") && plain.explanation().contains("backend 'azure'")
                && plain.explanation().contains("passerelle.policy.health.allowed-jurisdictions=EU,FR"), plain.explanation());
        PolicyDecision enc = POLICY.evaluate("patients", "health", azure, true);
        assertTrue(enc.allowed(), enc.explanation());
        assertEquals("passerelle.policy.health.unless-encrypted", enc.rule());
    }

    @Test
    void encryptionDoesNotHelpWithoutUnlessEncrypted() {
        PolicyDecision d = POLICY.evaluate("b", "strict", new BackendResidency("azure", "US", Set.of()), true);
        assertFalse(d.allowed());
    }

    @Test
    void unknownJurisdictionIsNeverAllowedEvenEncryptedOrUnrestricted() {
        BackendResidency unknown = new BackendResidency("mystery", null, Set.of("HDS"));
        assertEquals(Jurisdictions.UNKNOWN, unknown.jurisdiction());
        assertFalse(POLICY.evaluate("b", "health", unknown, true).allowed());
        PolicyDecision d = POLICY.evaluate("b", "public", unknown, false);
        assertFalse(d.allowed());
        assertTrue(d.explanation().contains("UNKNOWN"), d.explanation());
    }

    @Test
    void euCoversMemberStatesAndCertificationsAreRequired() {
        assertTrue(POLICY.evaluate("b", "health", new BackendResidency("cellar", "DE", Set.of("HDS")), false).allowed());
        PolicyDecision noHds = POLICY.evaluate("b", "health", new BackendResidency("cellar", "FR", Set.of()), false);
        assertFalse(noHds.allowed());
        assertEquals("passerelle.policy.health.required-certifications", noHds.rule());
        assertTrue(noHds.explanation().contains("lacks HDS"), noHds.explanation());
        assertFalse(POLICY.evaluate("b", "health", new BackendResidency("ch", "CH", Set.of("HDS")), false).allowed());
    }

    @Test
    void unclassifiedBucketsAreUnrestrictedButUnknownClassificationsAreRefused() {
        assertTrue(POLICY.evaluate("b", null, new BackendResidency("x", "US", Set.of()), false).allowed());
        PolicyDecision d = POLICY.evaluate("b", "secret", new BackendResidency("x", "FR", Set.of()), false);
        assertFalse(d.allowed());
        assertTrue(d.explanation().contains("passerelle.policy.secret"), d.explanation());
    }

    private Map<String, String> baseConfig() throws IOException {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Path kek = Files.write(dir.resolve("k1.key"), k);
        Map<String, String> m = new HashMap<>();
        m.put("passerelle.backends.azure.type", "azure");
        m.put("passerelle.backends.azure.jurisdiction", "US");
        m.put("passerelle.backends.azure.certifications", "HDS");
        m.put("passerelle.backends.cellar.jurisdiction", "fr");
        m.put("passerelle.backends.cellar.certifications", "hds, SecNumCloud");
        m.put("passerelle.policy.health.allowed-jurisdictions", "FR,EU");
        m.put("passerelle.policy.health.required-certifications", "HDS");
        m.put("passerelle.policy.health.unless-encrypted", "true");
        m.put("passerelle.buckets.patients.classification", "health");
        m.put("passerelle.buckets.patients.backend", "azure");
        m.put("passerelle.keys.k1.file", kek.toString());
        return m;
    }

    @Test
    void startUpValidationRefusesABreachingRouteInOneLineAndAcceptsItEncrypted() throws IOException {
        Map<String, String> m = baseConfig();
        SovereignConfig c = SovereignConfig.from(SovereignProperties.of(m));
        ConfigException e = assertThrows(ConfigException.class, c::requireCompliantRoutes);
        assertEquals("passerelle.buckets.patients.backend", e.key());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("'patients'") && e.getMessage().contains("'azure'") && e.getMessage().contains("passerelle.policy.health"));

        m.put("passerelle.buckets.patients.encryption", "required");
        SovereignConfig enc = SovereignConfig.from(SovereignProperties.of(m));
        enc.requireCompliantRoutes();
        Placement p = enc.placement("patients");
        assertEquals("azure", p.backend());
        assertEquals("US", p.jurisdiction());
        assertEquals("required", p.encryption());
        assertEquals("k1", p.kekId());
        assertTrue(p.allowed());
        assertEquals("passerelle.policy.health.unless-encrypted", p.rule());
    }

    @Test
    void migrationDestinationIsCheckedBeforeCopying() throws IOException {
        SovereignConfig c = SovereignConfig.from(SovereignProperties.of(baseConfig()));
        assertTrue(c.decide("patients", "cellar").allowed());
        assertFalse(c.decide("patients", "azure").allowed());
        assertFalse(c.decide("patients", "undeclared").allowed());
        Placement p = c.placement("patients");
        assertNull(p.kekId());
        assertEquals(Set.of("HDS"), p.certifications());
    }

    @Test
    void badSettingsNameTheirKey() throws IOException {
        Map<String, String> m = baseConfig();
        m.put("passerelle.buckets.patients.encryption", "sometimes");
        assertEquals("passerelle.buckets.patients.encryption",
                assertThrows(ConfigException.class, () -> SovereignConfig.from(SovereignProperties.of(m)).encrypted("patients")).key());
        Map<String, String> m2 = baseConfig();
        m2.put("passerelle.backends.azure.jurisdiction", "United States");
        assertEquals("passerelle.backends.azure.jurisdiction", assertThrows(ConfigException.class, () -> SovereignConfig.from(SovereignProperties.of(m2))).key());
        Map<String, String> m3 = baseConfig();
        m3.put("passerelle.policy.health.alowed-jurisdictions", "FR");
        assertEquals("passerelle.policy.health.alowed-jurisdictions", assertThrows(ConfigException.class, () -> SovereignConfig.from(SovereignProperties.of(m3))).key());
        Map<String, String> m4 = baseConfig();
        m4.remove("passerelle.keys.k1.file");
        m4.put("passerelle.buckets.patients.encryption", "required");
        assertEquals("passerelle.buckets.patients.encryption", assertThrows(ConfigException.class, () -> SovereignConfig.from(SovereignProperties.of(m4))).key());
    }
}
