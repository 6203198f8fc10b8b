package dev.passerelle.configref;

import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code passerelle.*} key the hand-written pages name (README.md and docs/*.md besides the generated
 * reference) is a key some component declares: a page cannot document a key the code does not read, nor
 * keep the old name of a renamed one. Concrete names ({@code passerelle.backends.cellar.type}) match the
 * declared patterns ({@code passerelle.backends.<name>.type}); prefixes ({@code passerelle.keys.*},
 * {@code passerelle.backends.<name>.}, {@code passerelle.backends.<n>.retry-*}) are not keys and are skipped, and
 * so are the ADRs (records of their day: old names, keys a later issue will add) and a quoted refusal
 * ({@code passerelle.x-sise: unknown setting ...}), the example of a misspelt key.
 */
class DocumentedKeysTest {
    private static final Path ROOT = Path.of(System.getProperty("config-reference.root", ".."));
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.-])passerelle\\.[a-z0-9<>._-]*[a-z0-9>](\\.\\*|-\\*|\\.(?![a-z0-9<]))?");
    /** Names that look like keys and are not: the access log's category, a file name. */
    private static final List<String> NOT_KEYS = List.of("passerelle.access", "passerelle.properties");

    @Test
    void everyKeyThePagesNameIsDeclared() throws IOException {
        List<Pattern> declared = new ArrayList<>();
        for (ConfigKeys d : ConfigReference.declarations()) {
            for (ConfigKey<?> k : d.keys()) {
                declared.add(pattern(k.name(), k.fileForm()));
            }
        }
        Map<String, String> unknown = new TreeMap<>();
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            Matcher m = MENTION.matcher(text);
            while (m.find()) {
                if (m.group(1) != null || NOT_KEYS.contains(m.group())) {
                    continue; // a prefix such as passerelle.keys.* or passerelle.backends.<name>.
                }
                String key = m.group();
                if (text.startsWith(": unknown setting", m.end())) {
                    continue; // a quoted refusal: the page shows what a misspelt key gets
                }
                if (declared.stream().noneMatch(p -> p.matcher(key).matches())) {
                    unknown.putIfAbsent(key, ROOT.relativize(page) + ":" + line(text, m.start()));
                }
            }
        }
        assertTrue(unknown.isEmpty(), "keys named in the docs that no component declares (rename them, or declare them): " + unknown);
    }

    /** @return a declared name as a pattern: each {@code <placeholder>} matches one name segment */
    private static Pattern pattern(String name, boolean fileForm) {
        StringBuilder re = new StringBuilder();
        Matcher m = Pattern.compile("<[^>]+>").matcher(name);
        int at = 0;
        while (m.find()) {
            boolean last = m.end() == name.length();
            // a trailing placeholder (jclouds' properties.<jclouds-property...>) may span several segments
            re.append(Pattern.quote(name.substring(at, m.start()))).append(last ? "(?:<[^>]+>|[A-Za-z0-9_.-]+)" : "(?:<[^>]+>|[A-Za-z0-9_-]+)");
            at = m.end();
        }
        re.append(Pattern.quote(name.substring(at)));
        return Pattern.compile(re + (fileForm ? "(?:-file)?" : ""));
    }

    private static List<Path> pages() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            // the ADRs are history (old names, keys planned for a later issue): not checked
            docs.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("config-keys.md")
                            && !ROOT.resolve("docs").relativize(p).startsWith("adr"))
                    .sorted().forEach(out::add);
        }
        return out;
    }

    private static int line(String text, int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
