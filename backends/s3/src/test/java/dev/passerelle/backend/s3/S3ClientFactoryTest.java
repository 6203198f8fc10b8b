package dev.passerelle.backend.s3;

import dev.passerelle.api.spi.BackendSettings;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3ClientFactoryTest {

    /**
     * okhttp leaves Nagle's algorithm on: measured against S3Proxy, 8 parallel copies of 8,000 small
     * objects took 21.5 s with it and 13.4 s without (each request's tail waited for a delayed ACK).
     */
    @Test
    void theHttpClientsSocketsSendWithoutDelay() throws Exception {
        S3Settings settings = S3Settings.from(new BackendSettings("t", Map.of("type", "s3", "endpoint", "http://127.0.0.1:9",
                "access-key", "a", "secret-key", "b")));
        OkHttpClient http = S3ClientFactory.httpClient(settings);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = http.socketFactory().createSocket()) {
            s.connect(server.getLocalSocketAddress());
            assertTrue(s.getTcpNoDelay(), "TCP_NODELAY on the sockets okhttp opens");
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    /**
     * A host that closes an idle keep-alive connection without a word (Node servers do after 5 s): the
     * next request on that pooled connection reads end of stream. The client takes a new connection
     * instead of failing the call (which spent one of the call layer's attempts, or failed a kit run
     * that has no call layer); each request still reaches the host once.
     */
    @Test
    void aPooledConnectionTheHostClosedIsReplacedNotFailed() throws Exception {
        S3Settings settings = S3Settings.from(new BackendSettings("t", Map.of("type", "s3", "endpoint", "http://127.0.0.1:9",
                "access-key", "a", "secret-key", "b")));
        OkHttpClient http = S3ClientFactory.httpClient(settings);
        AtomicInteger answered = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread host = new Thread(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        try (Socket c = server.accept()) {
                            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.ISO_8859_1));
                            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                                // the request's head
                            }
                            answered.incrementAndGet();
                            OutputStream out = c.getOutputStream();
                            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            Thread.sleep(200); // then close, keep-alive promised: the client's pooled connection is now dead
                        }
                    }
                } catch (Exception e) {
                    // the test's assertions say what went wrong
                }
            });
            host.setDaemon(true);
            host.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
            try (Response first = http.newCall(new Request.Builder().url(url).build()).execute()) {
                assertEquals("ok", first.body().string());
            }
            Thread.sleep(600);
            try (Response second = http.newCall(new Request.Builder().url(url).build()).execute()) {
                assertEquals("ok", second.body().string());
            }
            assertEquals(2, answered.get(), "each request answered once");
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
