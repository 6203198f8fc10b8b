package dev.passerelle.configref;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/config-keys.md is what the declarations produce: a key documented there and declared by no
 * component, or declared and not documented, or any other difference fails, with the command that
 * regenerates the file. With {@code -Dconfig-reference.write=true} the test rewrites the file instead.
 */
class ConfigReferenceTest {
    private static final Path FILE = Path.of(System.getProperty("config-reference.file", "../docs/config-keys.md"));

    @Test
    void theCommittedReferenceIsWhatTheDeclarationsProduce() throws Exception {
        String expected = ConfigReference.render(ConfigReference.declarations());
        if (Boolean.getBoolean("config-reference.write")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        if (committed.equals(expected)) {
            return;
        }
        Set<String> declared = ConfigReference.documentedKeys(expected);
        Set<String> documented = ConfigReference.documentedKeys(committed);
        Set<String> undeclared = new TreeSet<>(documented);
        undeclared.removeAll(declared);
        Set<String> undocumented = new TreeSet<>(declared);
        undocumented.removeAll(documented);
        fail(FILE.normalize() + " differs from what the key declarations produce"
                + (undeclared.isEmpty() ? "" : "; documented but declared by no component: " + undeclared)
                + (undocumented.isEmpty() ? "" : "; declared but not documented: " + undocumented)
                + (undeclared.isEmpty() && undocumented.isEmpty() ? " (a type, default, help text or order changed)" : "")
                + ". Regenerate it from the repository root with:\n  " + ConfigReference.REGENERATE
                + "\nand commit the result (never edit the file by hand: edit the ConfigKey declarations).");
    }

    @Test
    void everyKeyIsDeclaredOnceWithHelpAndSecretsAreMarked() {
        Set<String> names = new TreeSet<>();
        for (ConfigKeys d : ConfigReference.declarations()) {
            Set<String> own = new HashSet<>();
            for (ConfigKey<?> k : d.keys()) {
                assertTrue(own.add(k.name()), k.name() + " is declared twice by " + d.component());
                names.add(k.name());
                assertTrue(!k.help().isBlank(), k.name() + " has no help text");
                assertTrue(k.name().startsWith("passerelle."), k.name());
            }
        }
        for (String secret : List.of("passerelle.backends.<name>.secret-key", "passerelle.backends.<name>.account-key",
                "passerelle.backends.<name>.connection-string", "passerelle.backends.<name>.sas-token", "passerelle.backends.<name>.credential",
                "passerelle.auth.tokens.<name>.secret", "passerelle.keys.<id>.base64", "passerelle.keys.<id>.password")) {
            assertTrue(ConfigReference.declarations().stream().flatMap(d -> d.keys().stream())
                    .anyMatch(k -> k.name().equals(secret) && k.secret()), secret + " must be declared as a secret");
        }
        String md = ConfigReference.render(ConfigReference.declarations());
        assertTrue(md.contains("| `passerelle.backends.<name>.secret-key` **secret** (or `-file`) |"), "secrets are marked in the reference");
        assertEquals(names, ConfigReference.documentedKeys(md), "every declared key has its row");
    }
}
