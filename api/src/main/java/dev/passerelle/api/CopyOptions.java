package dev.passerelle.api;

/**
 * Options of a server-side {@link BlobStore#copy}. The copy keeps content type, user metadata and
 * Passerelle's checksums of the source.
 *
 * @param sourceConditions conditions on the source object (e.g. If-Match on the ETag the caller listed)
 * @param context who calls
 */
public record CopyOptions(Conditions sourceConditions, CallContext context) {

    /** Fills defaults. */
    public CopyOptions {
        sourceConditions = sourceConditions == null ? Conditions.NONE : sourceConditions;
        context = context == null ? CallContext.system() : context;
    }

    /** @return no condition, a system context */
    public static CopyOptions defaults() {
        return new CopyOptions(null, null);
    }
}
