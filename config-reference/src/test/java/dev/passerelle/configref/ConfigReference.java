package dev.passerelle.configref;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.config.ConfigType;
import dev.passerelle.api.spi.BlobStoreProvider;
import dev.passerelle.core.CoreKeys;
import dev.passerelle.gateway.config.GatewayKeys;
import dev.passerelle.migrate.cli.MigrateKeys;
import dev.passerelle.sovereign.config.SovereignKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code docs/config-keys.md} from the declarations: core, the sovereign controls, the
 * gateway, the migration tool and every backend type on the class path (through
 * {@link BlobStoreProvider#configKeys()}). Run as a program to rewrite the file:
 * {@code ConfigReference <path to docs/config-keys.md>}.
 */
public final class ConfigReference {
    /** The one command that rewrites the file (also in its header). */
    public static final String REGENERATE = "mvn -B -o -q -pl config-reference -am verify -Dtest=ConfigReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dquarkus.build.skip=true -Dconfig-reference.write=true";

    private static final List<ConfigType<?>> TYPES = List.of(ConfigType.STRING, ConfigType.INT, ConfigType.BOOLEAN, ConfigType.SIZE,
            ConfigType.DURATION, ConfigType.ENUM, ConfigType.LIST, ConfigType.PATH);
    private static final Pattern KEY_CELL = Pattern.compile("^\\| `(passerelle\\.[^`]+)`", Pattern.MULTILINE);

    private ConfigReference() {
    }

    /** @return every declaration, in the order of the reference */
    public static List<ConfigKeys> declarations() {
        List<ConfigKeys> out = new ArrayList<>(List.of(CoreKeys.DECLARATION, SovereignKeys.DECLARATION, GatewayKeys.DECLARATION,
                MigrateKeys.DECLARATION));
        List<BlobStoreProvider> providers = new ArrayList<>();
        ServiceLoader.load(BlobStoreProvider.class).forEach(providers::add);
        providers.sort(Comparator.comparing(BlobStoreProvider::type));
        providers.forEach(p -> out.add(p.configKeys()));
        return out;
    }

    /** @return the reference as Markdown */
    public static String render(List<ConfigKeys> declarations) {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("<!-- GENERATED from the key declarations (ConfigKey/ConfigKeys of each component): do not edit by hand.\n");
        md.append("     Regenerate from the repository root with:\n");
        md.append("     ").append(REGENERATE).append("\n");
        md.append("     ConfigReferenceTest fails when this file and the declarations differ. -->\n\n");
        md.append("Every `passerelle.*` key of every component, generated from the declarations the code reads them through. ")
                .append("A key no component declares stops start-up with one line naming it (`passerelle.backends.cellar.part-sise: unknown setting ")
                .append("(did you mean part-size?)`); so does a value that does not parse by its type. `quarkus.*` keys are Quarkus' own.\n\n");
        md.append("Keys are given as properties (`config/application.properties`, `--config FILE` for the CLI, `-D`) or environment variables: ")
                .append("upper-case the key and replace `.` and `-` by `_` (`PASSERELLE_BACKENDS_CELLAR_SECRET_KEY`). ")
                .append("`<name>`, `<bucket>`, `<id>`, `<classification>` are names you choose. ")
                .append("**secret**: never logged nor put in an error message; \"or `-file`\": `<key>-file` names a file whose trimmed content is the value.\n\n");
        md.append("## Value types\n\n| Type | Written as |\n|---|---|\n");
        for (ConfigType<?> t : TYPES) {
            md.append("| ").append(t.name()).append(" | ").append(cell(t.grammar())).append(" |\n");
        }
        for (ConfigKeys d : declarations) {
            md.append("\n## ").append(d.title()).append("\n\n");
            if (!d.intro().isEmpty()) {
                md.append(d.intro()).append("\n\n");
            }
            md.append("| Key | Type | Default | Meaning |\n|---|---|---|---|\n");
            for (ConfigKey<?> k : d.keys()) {
                md.append("| `").append(k.name()).append("`");
                if (k.secret()) {
                    md.append(" **secret**").append(k.fileForm() ? " (or `-file`)" : "");
                }
                md.append(" | ").append(type(k)).append(" | ").append(defaultCell(k)).append(" | ").append(cell(k.help())).append(" |\n");
            }
        }
        return md.toString();
    }

    /** @return the {@code passerelle.*} keys listed in the first column of a reference's tables */
    public static Set<String> documentedKeys(String markdown) {
        Set<String> out = new TreeSet<>();
        Matcher m = KEY_CELL.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String type(ConfigKey<?> k) {
        return k.type() == ConfigType.ENUM ? String.join(" \\| ", k.choices().stream().map(c -> "`" + c + "`").toList()) : k.type().name();
    }

    private static String defaultCell(ConfigKey<?> k) {
        if (k.defaultValue() != null) {
            return "`" + k.defaultValue() + "`";
        }
        if (k.defaultNote() != null) {
            return cell(k.defaultNote());
        }
        return k.required() ? "(required)" : "–";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Rewrites the reference.
     *
     * @param args the path of {@code docs/config-keys.md}
     */
    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(args[0]), render(declarations()));
    }
}
