package dev.passerelle.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which keys a run handles: {@code --include}/{@code --exclude} globs and a {@link Shard}.
 *
 * <p>Globs match the key relative to the location's prefix. {@code *} matches any run of characters
 * except {@code /}, {@code **} matches anything including {@code /}, {@code ?} one character other
 * than {@code /}, {@code [abc]} / {@code [a-z]} / {@code [!a]} a class, {@code {a,b}} alternatives.
 * A glob without {@code /} matches the last path segment of the key (so {@code *.jpg} matches
 * {@code 2024/a.jpg}). A key is handled when it matches some include (or there is none) and no exclude.
 */
public final class KeyFilter {
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final List<Boolean> includeAnchored;
    private final List<Boolean> excludeAnchored;
    private final Shard shard;

    /**
     * @param includes include globs (may be empty)
     * @param excludes exclude globs (may be empty)
     * @param shard the shard of keys to handle
     * @throws UsageException for a malformed glob
     */
    public KeyFilter(List<String> includes, List<String> excludes, Shard shard) {
        this.includes = new ArrayList<>();
        this.excludes = new ArrayList<>();
        this.includeAnchored = new ArrayList<>();
        this.excludeAnchored = new ArrayList<>();
        for (String g : includes) {
            this.includes.add(compile(g));
            this.includeAnchored.add(g.contains("/"));
        }
        for (String g : excludes) {
            this.excludes.add(compile(g));
            this.excludeAnchored.add(g.contains("/"));
        }
        this.shard = shard;
    }

    /** @return a filter accepting every key */
    public static KeyFilter all() {
        return new KeyFilter(List.of(), List.of(), Shard.ALL);
    }

    /** @return the shard */
    public Shard shard() {
        return shard;
    }

    /** @return whether the run handles this key (relative to the prefix) */
    public boolean accepts(String relativeKey) {
        if (!shard.contains(relativeKey)) {
            return false;
        }
        if (!includes.isEmpty() && !matchesAny(includes, includeAnchored, relativeKey)) {
            return false;
        }
        return !matchesAny(excludes, excludeAnchored, relativeKey);
    }

    /** @return whether the filter only looks at globs (no shard) and has none */
    public boolean isEmpty() {
        return includes.isEmpty() && excludes.isEmpty() && shard.isAll();
    }

    private static boolean matchesAny(List<Pattern> patterns, List<Boolean> anchored, String key) {
        String base = key.substring(key.lastIndexOf('/') + 1);
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(anchored.get(i) ? key : base).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Translates a glob into a regular expression.
     *
     * @throws UsageException when the glob is malformed
     */
    static Pattern compile(String glob) {
        if (glob.isEmpty()) {
            throw new UsageException("empty glob in --include/--exclude");
        }
        StringBuilder re = new StringBuilder();
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new UsageException("malformed glob '" + glob + "': '[' without ']'");
                    }
                    String cls = glob.substring(i + 1, end);
                    if (cls.startsWith("!")) {
                        cls = "^" + cls.substring(1);
                    }
                    re.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
                case '{' -> {
                    if (inGroup) {
                        throw new UsageException("malformed glob '" + glob + "': nested '{'");
                    }
                    inGroup = true;
                    re.append("(?:");
                }
                case '}' -> {
                    if (!inGroup) {
                        throw new UsageException("malformed glob '" + glob + "': '}' without '{'");
                    }
                    inGroup = false;
                    re.append(')');
                }
                case ',' -> re.append(inGroup ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    } else {
                        re.append("\\\\");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inGroup) {
            throw new UsageException("malformed glob '" + glob + "': '{' without '}'");
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
