package dev.passerelle.signing.sigv4;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a vector file of src/test/resources/sigv4 (format described in its header). */
final class Vectors {
    /** One published case. */
    record Case(String name, String method, String path, String query, Map<String, String> headers, String body, String creq, String signature) {
    }

    final Map<String, String> settings = new LinkedHashMap<>();
    final List<Case> cases = new ArrayList<>();

    static Vectors read(String resource) throws IOException {
        Vectors v = new Vectors();
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> fields = null;
            Map<String, String> headers = null;
            for (String line = r.readLine(); ; line = r.readLine()) {
                if (line == null || line.isBlank()) {
                    if (fields != null) {
                        v.cases.add(new Case(fields.get("case"), fields.get("method"), fields.get("path"), fields.get("query"), headers,
                                fields.getOrDefault("body", ""), fields.get("creq"), fields.get("signature")));
                        fields = null;
                    }
                    if (line == null) {
                        return v;
                    }
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String name = line.substring(0, colon);
                String value = line.substring(colon + 1).startsWith(" ") ? line.substring(colon + 2) : line.substring(colon + 1);
                if (name.equals("case")) {
                    fields = new LinkedHashMap<>();
                    headers = new LinkedHashMap<>();
                }
                if (fields == null) {
                    v.settings.put(name, value);
                } else if (name.equals("header")) {
                    int c = value.indexOf(':');
                    headers.merge(value.substring(0, c), value.substring(c + 1), (a, b) -> a + "," + b);
                } else {
                    fields.put(name, value);
                }
            }
        }
    }
}
