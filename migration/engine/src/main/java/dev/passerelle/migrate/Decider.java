package dev.passerelle.migrate;

import dev.passerelle.api.Conditions;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.ObjectInfo;

/**
 * Decides, for one key, whether source and destination already match, without copying: by size,
 * the journal, Passerelle's SHA-256 (from the listing or a HEAD), and, when asked, by re-reading
 * and hashing. Every remote call is retried on temporary failures.
 */
public final class Decider {

    /**
     * The decision for one key: either a final result, or "copy it" with the reason.
     *
     * @param result the final result, or null when the object must be copied
     * @param copyReason why it must be copied (when result is null)
     * @param proven a match proven by reading both sides, for the journal (so the next plan or copy
     *               need not read again), or null
     */
    public record Decision(ObjectResult result, String copyReason, Journal.Record proven) {
        static Decision done(ObjectResult r) {
            return new Decision(r, null, null);
        }

        static Decision copy(String reason) {
            return new Decision(null, reason, null);
        }
    }

    private final Endpoint source;
    private final Endpoint destination;
    private final RunOptions options;

    /**
     * @param source the source side
     * @param destination the destination side
     * @param options the run's options
     */
    public Decider(Endpoint source, Endpoint destination, RunOptions options) {
        this.source = source;
        this.destination = destination;
        this.options = options;
    }

    /**
     * Decides for a key present on both sides: the ONE classification of plan, dry-run and copy. In
     * order: a different size differs; a journal record of this very pair (same size and ETags on both
     * sides) is identical; both sides' Passerelle SHA-256 (listing or HEAD) decide; otherwise a copy
     * with {@code --verify readback} reads both sides to compare, and a plan or dry-run, which reads
     * no object, says UNKNOWN.
     *
     * @param p the key; both entries are present, with the journal's records of the key (plan and
     *          dry-run read the journal too)
     * @param meter told of the bytes read to compare
     * @return the decision
     */
    public Decision forCopy(MergeJoin.Pair p, ObjectMeter meter) {
        Entry s = p.source();
        Entry d = p.destination();
        boolean readOnly = options.mode() != RunOptions.Mode.COPY;
        if (s.size() != d.size()) {
            return differs(p, null, null, "size differs (source " + s.size() + ", destination " + d.size() + " bytes)", readOnly);
        }
        for (Journal.Record r : p.journal()) {
            if (r.size() == s.size() && r.sourceEtag().equals(s.etag()) && r.destinationEtag().equals(d.etag())
                    && (d.sha256() == null || d.sha256().equals(r.sha256()))) {
                return Decision.done(result(p, r.sha256(), r.sha256(), Status.IDENTICAL, null));
            }
        }
        String srcSha = s.sha256() != null ? s.sha256() : headSha(source, p.key());
        String dstSha = d.sha256() != null ? d.sha256() : headSha(destination, p.key());
        if (srcSha != null && dstSha != null) {
            return srcSha.equals(dstSha)
                    ? Decision.done(result(p, srcSha, dstSha, Status.IDENTICAL, null))
                    : differs(p, srcSha, dstSha, "SHA-256 differs", readOnly);
        }
        if (readOnly) {
            return Decision.done(result(p, srcSha, dstSha, Status.UNKNOWN, "same size, no SHA-256 on "
                    + (srcSha == null ? "the source" : "the destination") + " and no journal record: a copy re-reads both sides to compare"));
        }
        if (options.verify() == RunOptions.VerifyMode.READBACK) {
            String a = srcSha != null ? srcSha : readSha(source, p.key(), s.etag(), meter);
            String b = dstSha != null ? dstSha : readSha(destination, p.key(), d.etag(), meter);
            if (!a.equals(b)) {
                return Decision.copy("SHA-256 differs (read back)");
            }
            Journal.Record proven = new Journal.Record(p.key(), s.size(), a, nonNull(s.etag()), nonNull(d.etag()));
            return new Decision(result(p, a, b, Status.IDENTICAL, null), null, proven);
        }
        return Decision.copy("no SHA-256 to compare at " + (dstSha == null ? "the destination" : "the source"));
    }

    private static String nonNull(String etag) {
        return etag == null ? "" : etag;
    }

    private Decision differs(MergeJoin.Pair p, String srcSha, String dstSha, String why, boolean readOnly) {
        return readOnly ? Decision.done(result(p, srcSha, dstSha, Status.DIFFERENT, why)) : Decision.copy(why);
    }

    /**
     * Compares a key present on both sides, for verify.
     *
     * @param p the key; both entries are present
     * @param meter told of the bytes read with --deep
     * @return the result: IDENTICAL, SIZE_ONLY or DIFFERENT
     */
    public ObjectResult forVerify(MergeJoin.Pair p, ObjectMeter meter) {
        Entry s = p.source();
        Entry d = p.destination();
        if (s.size() != d.size()) {
            return result(p, s.sha256(), d.sha256(), Status.DIFFERENT, "size differs (source " + s.size() + ", destination " + d.size() + " bytes)");
        }
        if (options.deep()) {
            String a = readSha(source, p.key(), s.etag(), meter);
            String b = readSha(destination, p.key(), d.etag(), meter);
            return a.equals(b) ? result(p, a, b, Status.IDENTICAL, null)
                    : result(p, a, b, Status.DIFFERENT, "SHA-256 differs (read back from both sides)");
        }
        String a = s.sha256() != null ? s.sha256() : headSha(source, p.key());
        String b = d.sha256() != null ? d.sha256() : headSha(destination, p.key());
        if (a != null && b != null) {
            return a.equals(b) ? result(p, a, b, Status.IDENTICAL, null) : result(p, a, b, Status.DIFFERENT, "SHA-256 differs");
        }
        return result(p, a, b, Status.SIZE_ONLY, "same size; no SHA-256 on " + (a == null ? "the source" : "the destination")
                + " (use --deep to prove)");
    }

    private ObjectResult result(MergeJoin.Pair p, String srcSha, String dstSha, Status status, String why) {
        return new ObjectResult(p.key(), p.source().size(), srcSha, dstSha, status, 0, why);
    }

    private String headSha(Endpoint side, String key) {
        ObjectInfo info = side.store().head(side.container(), side.fullKey(key), GetOptions.defaults());
        return info.passerelleSha256().orElse(null);
    }

    /**
     * Reads an object to its end and hashes it (If-Match on the listed ETag), reading it again from the
     * start after a failure {@link Restarts} allows (a stream cut mid-body), up to {@code --retries} times.
     *
     * @param meter told of the bytes read (VERIFY phase)
     * @return the SHA-256 hex of its bytes
     */
    String readSha(Endpoint side, String key, String etag, ObjectMeter meter) {
        return readSha(side, key, etag, meter, options.retry().maxAttempts());
    }

    /**
     * As {@link #readSha(Endpoint, String, String, ObjectMeter)}, at most {@code reads} times: 1 for the
     * copier's read-back, whose failures restart the whole copy instead (the two loops never nest).
     */
    String readSha(Endpoint side, String key, String etag, ObjectMeter meter, int reads) {
        GetOptions get = etag == null || etag.isEmpty() ? GetOptions.defaults() : GetOptions.defaults().withConditions(Conditions.ifMatch(etag));
        for (int attempt = 1; ; attempt++) {
            long[] read = {0};
            try (ObjectContent c = side.store().get(side.container(), side.fullKey(key), get)) {
                Hashing.Digest dg = Hashing.hash(c.stream(), n -> {
                    read[0] += n;
                    meter.verified(n);
                });
                return dg.sha256();
            } catch (RuntimeException e) {
                meter.verified(-read[0]);
                if (attempt >= reads || !Restarts.restartable(e)) {
                    throw e;
                }
            }
            Restarts.pause(options.retry(), attempt);
        }
    }
}
