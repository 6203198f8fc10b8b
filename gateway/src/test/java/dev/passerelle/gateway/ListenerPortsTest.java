package dev.passerelle.gateway;

import dev.passerelle.testservers.ExternalServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener table of ADR 0023 and the packaged configuration say the same: every port key the
 * table names and {@code application.properties} sets has the table's default, no two listeners
 * share a default port (Quarkus' management default, 9000, is the S3 door's), and every test port
 * is 0 (a free port).
 */
class ListenerPortsTest {
    private static final Path ADR = ExternalServer.repoRoot().resolve("docs/adr/0023-front-doors-as-modules-and-their-listeners.md");
    private static final Pattern PORT = Pattern.compile("(?:^|[:`\\s])(\\d{2,5})(?=`|\\s|$)");
    private static final Pattern KEY = Pattern.compile("`([a-z][a-z0-9.-]*\\.(?:port|ssl-port))`");

    record Row(String listener, int defaultPort, List<String> portKeys) {
    }

    @Test
    void theTableAndTheConfigurationAgree() throws IOException {
        Properties config = packagedConfiguration();
        List<Row> rows = listenerTable();
        assertTrue(rows.size() >= 5, "the table lists the REST, TLS, S3, Azure and management listeners: " + rows);
        Set<Integer> seen = new HashSet<>();
        int checked = 0;
        for (Row row : rows) {
            assertTrue(seen.add(row.defaultPort()), "two listeners default to port " + row.defaultPort() + ": " + rows);
            for (String key : row.portKeys()) {
                String configured = config.getProperty(key);
                if (configured != null) {
                    assertEquals(Integer.toString(row.defaultPort()), configured.trim(), key + " (" + row.listener() + ")");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 2, "the REST and management ports are set in application.properties");
        assertEquals("8080", config.getProperty("quarkus.http.port"));
        assertEquals("9001", config.getProperty("quarkus.management.port"), "Quarkus' own default, 9000, is the S3 door's");
        assertEquals("127.0.0.1", config.getProperty("quarkus.management.host"), "Quarkus' own default is every interface");
        for (String testPort : List.of("quarkus.http.test-port", "quarkus.http.test-ssl-port", "quarkus.management.test-port")) {
            assertEquals("0", config.getProperty(testPort), testPort);
        }
    }

    private static Properties packagedConfiguration() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ListenerPortsTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            assertNotNull(in, "application.properties on the class path");
            p.load(in);
        }
        return p;
    }

    /** The rows of the ADR's "Listeners" table: name, default port, the port keys it names. */
    private static List<Row> listenerTable() throws IOException {
        List<String> lines = Files.readAllLines(ADR);
        int start = lines.indexOf("### Listeners");
        assertFalse(start < 0, "ADR 0023 has a Listeners section");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith("|") && !rows.isEmpty()) {
                break;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 4 || cells[1].isBlank() || cells[1].startsWith("---") || cells[1].trim().equals("Listener")) {
                continue;
            }
            Matcher port = PORT.matcher(cells[2]);
            assertTrue(port.find(), "a default port in: " + line);
            List<String> keys = new ArrayList<>();
            for (Matcher k = KEY.matcher(cells[3]); k.find(); ) {
                keys.add(k.group(1));
            }
            assertFalse(keys.isEmpty(), "the keys that set the port, in: " + line);
            rows.add(new Row(cells[1].trim(), Integer.parseInt(port.group(1)), keys));
        }
        return rows;
    }
}
