package dev.passerelle.backend.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Buffers the body of every error answer (status 400 and above) before the SDK reads it. An error
 * body is small, but the SDK may read it twice (once to look for an error code, once to build its
 * exception); on a streamed download over an HTTP client whose body can be subscribed only once,
 * such as the JDK's, the second read failed with "This publisher has already one subscriber" and a
 * bare 503 from a proxy became an internal error instead of a retryable unavailability.
 */
final class BufferedErrorAnswers implements HttpPipelinePolicy {
    static final BufferedErrorAnswers POLICY = new BufferedErrorAnswers();

    private BufferedErrorAnswers() {
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().map(r -> r.getStatusCode() >= 400 ? r.buffer() : r);
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }
}
