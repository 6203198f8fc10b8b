package dev.passerelle.api;

/**
 * Options of a {@link BlobStore#get} or {@link BlobStore#head}.
 *
 * @param range the byte range to read, or null for the whole object (ignored by head)
 * @param conditions read conditions, evaluated in RFC 9110 §13.2.2 order
 * @param context who calls
 */
public record GetOptions(ByteRange range, Conditions conditions, CallContext context) {

    /** Fills defaults. */
    public GetOptions {
        conditions = conditions == null ? Conditions.NONE : conditions;
        context = context == null ? CallContext.system() : context;
    }

    /** @return the whole object, no condition, a system context */
    public static GetOptions defaults() {
        return new GetOptions(null, null, null);
    }

    /** @return the whole object, no condition, the given context */
    public static GetOptions of(CallContext context) {
        return new GetOptions(null, null, context);
    }

    /** @return a copy reading only this range */
    public GetOptions withRange(ByteRange newRange) {
        return new GetOptions(newRange, conditions, context);
    }

    /** @return a copy with these conditions */
    public GetOptions withConditions(Conditions newConditions) {
        return new GetOptions(range, newConditions, context);
    }
}
