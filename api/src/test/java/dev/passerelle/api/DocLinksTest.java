package dev.passerelle.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every relative link {@code [text](path)} or {@code [text](path#anchor)} in the repository's README.md
 * and docs/**&#47;*.md resolves: the file exists, and an anchor names one of its headings (GitHub's
 * slugs). Links to http(s) and mailto are not followed. Every page under docs/ is reachable from
 * README.md. Lives in {@code api} because its tests always run in {@code mvn verify}.
 */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = repositoryRoot();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            List<String> lines = textLines(doc, false);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("(?i)(https?|mailto):.*")) {
                        continue;
                    }
                    checked++;
                    String problem = check(doc, target);
                    if (problem != null) {
                        broken.add(root.relativize(doc) + ":" + (i + 1) + ": " + target + " (" + problem + ")");
                    }
                }
            }
        }
        assertTrue(checked > 10, "links checked: " + checked);
        assertTrue(broken.isEmpty(), broken.size() + " broken relative link(s):\n" + String.join("\n", broken));
    }

    /** Every page under docs/ can be found from README.md by following relative links. */
    @Test
    void everyDocIsReachableFromTheReadme() throws IOException {
        Path root = repositoryRoot();
        Set<Path> reached = new HashSet<>();
        List<Path> todo = new ArrayList<>(List.of(root.resolve("README.md").normalize()));
        while (!todo.isEmpty()) {
            Path doc = todo.remove(todo.size() - 1);
            if (!reached.add(doc)) {
                continue;
            }
            for (String line : textLines(doc, false)) {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    String target = m.group(1);
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    if (file.isEmpty() || target.matches("(?i)(https?|mailto):.*")) {
                        continue;
                    }
                    Path next = doc.getParent().resolve(java.net.URLDecoder.decode(file, java.nio.charset.StandardCharsets.UTF_8)).normalize();
                    if (Files.isDirectory(next)) {
                        next = next.resolve("README.md");
                    }
                    if (next.toString().endsWith(".md") && Files.isRegularFile(next)) {
                        todo.add(next);
                    }
                }
            }
        }
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).map(Path::normalize).sorted()
                    .filter(p -> !reached.contains(p)).forEach(p -> orphans.add(root.relativize(p).toString()));
        }
        assertTrue(orphans.isEmpty(), "not linked from README.md, directly or through another page: " + orphans);
    }

    @Test
    void slugsFollowGitHub() {
        assertTrue(slug("Configuration: backends, buckets, routing (module `core`)")
                .equals("configuration-backends-buckets-routing-module-core"), slug("Configuration: backends, buckets, routing (module `core`)"));
        assertTrue(slug("Audit trail check: `audit-verify`").equals("audit-trail-check-audit-verify"));
    }

    private String check(Path doc, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(java.net.URLDecoder.decode(file, java.nio.charset.StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null || anchor.isEmpty() || !resolved.toString().endsWith(".md")) {
            return null;
        }
        return anchorsOf(resolved).contains(anchor.toLowerCase(Locale.ROOT)) ? null : "no heading with this anchor";
    }

    private Set<String> anchorsOf(Path doc) throws IOException {
        Set<String> known = anchors.get(doc);
        if (known == null) {
            known = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : textLines(doc, true)) {
                Matcher h = HEADING.matcher(line);
                if (h.matches()) {
                    String s = slug(h.group(1));
                    int n = seen.merge(s, 1, Integer::sum);
                    known.add(n == 1 ? s : s + "-" + (n - 1));
                }
            }
            anchors.put(doc, known);
        }
        return known;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
    }

    /**
     * The lines outside fenced code blocks (a link in a code sample is not a link); without inline code
     * spans unless {@code keepCode} (a heading's anchor keeps their text: {@code ## Key rotation: `rewrap`}
     * is {@code #key-rotation-rewrap}).
     */
    private static List<String> textLines(Path doc, boolean keepCode) throws IOException {
        List<String> out = new ArrayList<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(doc)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                out.add("");
                continue;
            }
            out.add(inFence ? "" : keepCode ? line : line.replaceAll("`[^`]*`", ""));
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs/adr")))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "repository root (README.md + docs/adr) not found above " + Path.of("").toAbsolutePath());
        return dir;
    }
}
