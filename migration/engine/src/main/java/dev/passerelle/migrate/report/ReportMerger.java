package dev.passerelle.migrate.report;

import dev.passerelle.migrate.ExitCodes;
import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.SortedListing;
import dev.passerelle.migrate.Totals;
import dev.passerelle.migrate.UsageException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Merges the reports of the shards of one migration into one report: the objects of all shards
 * merged in key order (each shard report is already in key order, so this is a streaming k-way
 * merge in constant memory), totals recomputed, and the manifest hash computed over the merged
 * objects, which by the manifest's definition equals an unsharded run's.
 */
public final class ReportMerger {

    /**
     * What the merge produced.
     *
     * @param totals the merged totals
     * @param manifestObjects objects in the merged manifest
     * @param manifestSha256 the merged manifest hash
     * @param problems the first differences and failures
     * @param exitCode the exit code the merged report carries
     * @param command the merged reports' command
     * @param source the source location
     * @param destination the destination location
     * @param proof verify: the weakest proof of the shards, or null
     */
    public record Result(Totals totals, long manifestObjects, String manifestSha256, List<ObjectResult> problems, int exitCode,
                         String command, String source, String destination, String proof) {
    }

    private ReportMerger() {
    }

    /**
     * Merges shard reports.
     *
     * @param inputs the shard reports (at least one)
     * @param output the merged report file, or null to only compute it
     * @param version the tool version written into the merged report
     * @return the merged totals and manifest
     * @throws UsageException when the reports do not belong to one sharded migration or overlap
     */
    @SuppressWarnings("unchecked")
    public static Result merge(List<Path> inputs, Path output, String version) {
        if (inputs.isEmpty()) {
            throw new UsageException("report merge needs at least one report");
        }
        Instant started = null;
        Instant ended = null;
        long transferred = 0;
        List<String> aborted = new ArrayList<>();
        Map<String, Object> first = null;
        String proof = null;
        Set<String> shards = new HashSet<>();
        for (Path in : inputs) {
            try (ReportReader r = new ReportReader(in)) {
                Map<String, Object> h = r.header();
                Map<String, Object> t = r.trailer();
                if (!t.containsKey("manifestSha256")) {
                    throw new UsageException(in + " is incomplete (no manifest): was its run interrupted?");
                }
                if (first == null) {
                    first = h;
                } else if (!Objects.equals(first.get("command"), h.get("command")) || !Objects.equals(loc(first, "source"), loc(h, "source"))
                        || !Objects.equals(loc(first, "destination"), loc(h, "destination"))) {
                    throw new UsageException(in + " belongs to another migration than " + inputs.get(0));
                }
                // the merged proof is the weakest of the shards' (metadata unless every shard re-read)
                if (h.get("proof") instanceof String p && (proof == null || Summary.PROOF_METADATA.equals(p))) {
                    proof = p;
                }
                Object shard = h.get("shard");
                if (shard != null && !shards.add(shard.toString())) {
                    throw new UsageException("shard " + shard + " is given twice (" + in + ")");
                }
                Instant s = Instant.parse((String) h.get("started"));
                Instant e = Instant.parse((String) t.get("ended"));
                started = started == null || s.isBefore(started) ? s : started;
                ended = ended == null || e.isAfter(ended) ? e : ended;
                Object tr = ((Map<String, Object>) t.getOrDefault("totals", Map.of())).get("transferredBytes");
                transferred += tr instanceof Number n ? n.longValue() : 0;
                if (t.get("aborted") != null) {
                    aborted.add(in + ": " + t.get("aborted"));
                }
            }
        }
        Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) first.getOrDefault("options", Map.of()));
        options.put("mergedFrom", inputs.stream().map(Path::toString).toList());
        String command = (String) first.get("command");
        ReportHeader header = new ReportHeader(command, version, (Map<String, Object>) first.get("source"),
                (Map<String, Object>) first.get("destination"), null, started, options, proof);
        Totals totals = new Totals();
        totals.addTransferred(transferred);
        List<ReportReader> readers = new ArrayList<>();
        try (ReportWriter w = ReportWriter.open(output, header)) {
            PriorityQueue<Head> heap = new PriorityQueue<>((a, b) -> SortedListing.ORDER.compare(a.r.key(), b.r.key()));
            for (Path in : inputs) {
                ReportReader r = new ReportReader(in);
                readers.add(r);
                if (r.hasNext()) {
                    heap.add(new Head(r.next(), r, in));
                }
            }
            String last = null;
            while (!heap.isEmpty()) {
                Head h = heap.poll();
                if (last != null && last.equals(h.r.key())) {
                    throw new UsageException("key '" + last + "' appears in more than one report (" + h.file + "): the shards overlap");
                }
                last = h.r.key();
                totals.add(h.r);
                w.accept(h.r);
                if (h.reader.hasNext()) {
                    heap.add(new Head(h.reader.next(), h.reader, h.file));
                }
            }
            String abortedText = aborted.isEmpty() ? null : String.join("; ", aborted);
            int exit = ExitCodes.of(command, totals, abortedText);
            w.finish(new ReportTrailer(ended, totals, exit, abortedText, null));
            return new Result(totals, w.manifest().objects(), w.manifest().sha256(), w.problems(), exit, command,
                    loc(first, "source"), loc(first, "destination"), proof);
        } finally {
            readers.forEach(ReportReader::close);
        }
    }

    @SuppressWarnings("unchecked")
    private static String loc(Map<String, Object> header, String side) {
        Object m = header.get(side);
        return m instanceof Map<?, ?> map ? String.valueOf(((Map<String, Object>) map).get("location")) : String.valueOf(m);
    }

    private record Head(ObjectResult r, ReportReader reader, Path file) {
    }
}
