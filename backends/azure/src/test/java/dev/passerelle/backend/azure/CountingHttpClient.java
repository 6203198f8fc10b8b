package dev.passerelle.backend.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test HTTP client around the JDK default that counts what the backend really sends: GET and
 * HEAD requests, body bytes delivered to the SDK, and bodies cancelled before their end.
 */
final class CountingHttpClient implements HttpClient {
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger heads = new AtomicInteger();
    final AtomicLong bodyBytes = new AtomicLong();
    final AtomicInteger cancelled = new AtomicInteger();
    private final HttpClient delegate = AzureHttpClients.jdkDefault(java.time.Duration.ofSeconds(60));

    /** @return a factory handing out this client, declaring (truthfully, for the JDK client) back-pressure */
    AzureHttpClientFactory factory() {
        CountingHttpClient self = this;
        return new AzureHttpClientFactory() {
            @Override
            public HttpClient create(dev.passerelle.api.spi.BackendSettings settings) {
                return self;
            }

            @Override
            public boolean honoursBackPressure() {
                return true;
            }
        };
    }

    void reset() {
        gets.set(0);
        heads.set(0);
        bodyBytes.set(0);
        cancelled.set(0);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        count(request);
        return delegate.send(request, context).map(r -> new Counted(request, r));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        count(request);
        return new Counted(request, delegate.sendSync(request, context));
    }

    private void count(HttpRequest request) {
        // blob reads only: container/listing GETs carry a restype or comp parameter
        String query = request.getUrl().getQuery();
        boolean blobOp = query == null || !(query.contains("restype=") || query.contains("comp="));
        if (request.getHttpMethod() == HttpMethod.GET && blobOp) {
            gets.incrementAndGet();
        } else if (request.getHttpMethod() == HttpMethod.HEAD) {
            heads.incrementAndGet();
        }
    }

    /** Forwards everything, counting the body's bytes and its cancellation. */
    private final class Counted extends HttpResponse {
        private final HttpResponse r;

        Counted(HttpRequest request, HttpResponse r) {
            super(request);
            this.r = r;
        }

        @Override
        public int getStatusCode() {
            return r.getStatusCode();
        }

        @Override
        public String getHeaderValue(String name) {
            return r.getHeaderValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return r.getHeaders();
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return r.getBody().doOnNext(b -> bodyBytes.addAndGet(b.remaining())).doOnCancel(cancelled::incrementAndGet);
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return r.getBodyAsByteArray().doOnNext(b -> bodyBytes.addAndGet(b.length));
        }

        @Override
        public Mono<String> getBodyAsString() {
            return r.getBodyAsString();
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return r.getBodyAsString(charset);
        }

        @Override
        public java.io.InputStream getBodyAsInputStreamSync() {
            return r.getBodyAsInputStreamSync();
        }

        @Override
        public com.azure.core.util.BinaryData getBodyAsBinaryData() {
            return r.getBodyAsBinaryData();
        }

        @Override
        public void close() {
            r.close();
        }
    }
}
