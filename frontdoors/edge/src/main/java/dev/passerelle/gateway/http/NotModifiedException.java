package dev.passerelle.gateway.http;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.ObjectInfo;
import dev.passerelle.api.StorageException;
import jakarta.ws.rs.core.Response;

/** A conditional read found the client's copy current: answered 304 with the validators, no body. */
public class NotModifiedException extends StorageException {
    private static final long serialVersionUID = 1L;
    private final transient ObjectInfo info;

    /** @param info the current object, whose validators the 304 carries */
    public NotModifiedException(ObjectInfo info, String detail) {
        super(ErrorKind.NOT_MODIFIED, detail);
        this.info = info;
    }

    /** @return the 304 answer */
    public Response response() {
        return Response.notModified()
                .header("ETag", HttpHeadersSupport.quoteEtag(info.etag()))
                .header("Last-Modified", HttpHeadersSupport.httpDate(info.lastModified()))
                .build();
    }
}
