package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.BlobStore;
import dev.passerelle.api.ForwardingBlobStore;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;

import java.util.ArrayList;
import java.util.List;

/** Records the ranges read from the host, to prove ranged reads fetch only the chunks they need. */
final class RecordingStore extends ForwardingBlobStore {
    final List<String> ranges = new ArrayList<>();
    long bytesServed;

    RecordingStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public synchronized ObjectContent get(String container, String key, GetOptions options) {
        ObjectContent c = super.get(container, key, options);
        ranges.add(options.range() == null ? "whole" : c.range().first() + "-" + c.range().last());
        bytesServed += c.length();
        return c;
    }

    synchronized void clear() {
        ranges.clear();
        bytesServed = 0;
    }
}
