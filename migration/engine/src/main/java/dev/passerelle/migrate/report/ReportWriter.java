package dev.passerelle.migrate.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import dev.passerelle.migrate.Totals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the JSON report while the run goes, one object per line, in constant memory: the header,
 * the objects in key order, then the trailer (end, totals, exit code) and, last, the manifest and
 * its SHA-256. It is written to {@code FILE.partial} and renamed to {@code FILE} when complete, so
 * a report file is never half written. Without a file it only computes the manifest and keeps the
 * first problems for the summary.
 */
public final class ReportWriter implements Consumer<ObjectResult>, AutoCloseable {
    /** How many problem objects the summary lists. */
    public static final int MAX_PROBLEMS = 100;

    private final Path target;
    private final Path partial;
    private final OutputStream out;
    private final JsonGenerator g;
    private final Manifest manifest = new Manifest();
    private final List<ObjectResult> problems = new ArrayList<>();
    private boolean finished;

    private ReportWriter(Path target, ReportHeader header) {
        this.target = target;
        if (target == null) {
            partial = null;
            out = null;
            g = null;
            return;
        }
        try {
            Path abs = target.toAbsolutePath();
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            partial = abs.resolveSibling(abs.getFileName() + ".partial");
            out = Files.newOutputStream(partial);
            g = Json.FACTORY.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("tool", "passerelle-migrate");
            g.writeStringField("version", header.version());
            g.writeStringField("command", header.command());
            if (header.proof() != null) {
                g.writeStringField("proof", header.proof());
            }
            g.writeFieldName("source");
            Json.write(g, header.source());
            g.writeFieldName("destination");
            Json.write(g, header.destination());
            g.writeFieldName("shard");
            Json.write(g, header.shard());
            g.writeStringField("started", header.started().toString());
            g.writeFieldName("options");
            Json.write(g, header.options());
            g.writeFieldName("objects");
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param target the report file, or null for no file
     * @param header what the report is about
     * @return an open writer
     */
    public static ReportWriter open(Path target, ReportHeader header) {
        return new ReportWriter(target, header);
    }

    /** Writes one object (objects must come in key order). */
    @Override
    public void accept(ObjectResult r) {
        manifest.add(r);
        if (r.status().difference() && problems.size() < MAX_PROBLEMS) {
            problems.add(r);
        }
        if (g == null) {
            return;
        }
        try {
            g.writeRaw('\n');
            writeObject(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }

    /** Writes one object entry. */
    static void writeObject(JsonGenerator g, ObjectResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", r.key());
        g.writeNumberField("size", r.size());
        g.writeStringField("sha256Source", r.sha256Source());
        g.writeStringField("sha256Destination", r.sha256Destination());
        g.writeStringField("status", r.status().json());
        g.writeNumberField("attempts", r.attempts());
        g.writeStringField("error", r.error());
        g.writeEndObject();
    }

    /** @return the manifest so far */
    public Manifest manifest() {
        return manifest;
    }

    /** @return the first {@link #MAX_PROBLEMS} differences and failures */
    public List<ObjectResult> problems() {
        return problems;
    }

    /**
     * Writes the trailer and the manifest, and moves the file into place.
     *
     * @param trailer the end of the run
     */
    public void finish(ReportTrailer trailer) {
        finished = true;
        String sha = manifest.sha256();
        if (g == null) {
            return;
        }
        try {
            g.writeRaw('\n');
            g.writeEndArray();
            g.writeStringField("ended", trailer.ended().toString());
            g.writeFieldName("totals");
            Json.write(g, totalsJson(trailer.totals()));
            g.writeNumberField("exitCode", trailer.exitCode());
            g.writeStringField("aborted", trailer.aborted());
            if (trailer.estimate() != null) {
                g.writeFieldName("estimate");
                Json.write(g, trailer.estimate());
            }
            g.writeFieldName("manifest");
            Json.write(g, Map.of("objects", manifest.objects(), "bytes", manifest.bytes()));
            g.writeStringField("manifestSha256", sha);
            g.writeEndObject();
            g.writeRaw('\n');
            g.close();
            out.close();
            Files.move(partial, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + target + ": " + e.getMessage(), e);
        }
    }

    /** @return the JSON form of totals */
    public static Map<String, Object> totalsJson(Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objects", t.objects());
        long bytes = 0;
        Map<String, Object> by = new LinkedHashMap<>();
        for (Map.Entry<Status, long[]> e : t.byStatus().entrySet()) {
            by.put(e.getKey().json(), Map.of("objects", e.getValue()[0], "bytes", e.getValue()[1]));
            bytes += e.getValue()[1];
        }
        m.put("bytes", bytes);
        m.put("transferredBytes", t.transferred());
        m.put("byStatus", by);
        return m;
    }

    /** Closes without finishing (a failed run): the partial file stays for inspection. */
    @Override
    public void close() {
        if (g != null && !finished) {
            try {
                g.close();
                out.close();
            } catch (IOException ignored) {
                // the run is already failing; the partial report is best effort
            }
        }
    }
}
