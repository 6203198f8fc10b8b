package dev.passerelle.migrate.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.passerelle.migrate.Cursor;
import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import dev.passerelle.migrate.UsageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a JSON report in constant memory: {@link #header()} holds the fields before the objects,
 * the cursor yields the objects one by one, and {@link #trailer()} reads the fields after them.
 */
public final class ReportReader implements Cursor<ObjectResult> {
    private final Path file;
    private final JsonParser p;
    private final Map<String, Object> header = new LinkedHashMap<>();
    private ObjectResult next;
    private boolean inObjects;

    /**
     * Opens a report and reads its header.
     *
     * @throws UsageException when the file is missing or not a passerelle-migrate report
     */
    public ReportReader(Path file) {
        this.file = file;
        try {
            if (!Files.isReadable(file)) {
                throw new UsageException("cannot read report " + file + ": no such readable file");
            }
            p = Json.FACTORY.createParser(file.toFile());
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UsageException(file + " is not a passerelle-migrate report (not a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("objects")) {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw new UsageException(file + ": 'objects' is not an array");
                    }
                    inObjects = true;
                    break;
                }
                header.put(name, Json.read(p));
            }
            if (!"passerelle-migrate".equals(header.get("tool")) || !inObjects) {
                throw new UsageException(file + " is not a passerelle-migrate report");
            }
        } catch (IOException e) {
            throw new UsageException(file + " is not a readable JSON report: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** @return the fields before the objects */
    public Map<String, Object> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (!inObjects) {
            return false;
        }
        try {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                inObjects = false;
                return false;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.read(p);
            next = new ObjectResult((String) m.get("key"), ((Number) m.get("size")).longValue(), (String) m.get("sha256Source"),
                    (String) m.get("sha256Destination"), Status.fromJson((String) m.get("status")),
                    ((Number) m.getOrDefault("attempts", 0L)).intValue(), (String) m.get("error"));
            return true;
        } catch (IOException | RuntimeException e) {
            throw new UsageException(file + ": malformed object entry: " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ObjectResult r = next;
        next = null;
        return r;
    }

    /**
     * Skips any remaining objects and reads the fields after them.
     *
     * @return the trailer fields (ended, totals, exitCode, manifest, manifestSha256, ...)
     */
    public Map<String, Object> trailer() {
        while (hasNext()) {
            next();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                m.put(name, Json.read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return m;
    }

    @Override
    public void close() {
        try {
            p.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
