package dev.passerelle.testservers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each real server starts as a process, answers HTTP on loopback, and stops when told. */
class ServersStartTest {
    private static int httpStatus(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void check(ExternalServer server, String url) throws Exception {
        try (server) {
            server.start();
            assertTrue(server.isRunning());
            int status = httpStatus(url.replace("PORT", Integer.toString(server.port())));
            assertTrue(status >= 200 && status < 500, "unexpected status " + status);
        }
        assertFalse(server.isRunning(), "server still running after stop");
    }

    @Test
    void azurite() throws Exception {
        check(AzuriteServer.inMemory(), "http://127.0.0.1:PORT/devstoreaccount1?comp=list");
    }

    @Test
    void s3rver(@TempDir Path dir) throws Exception {
        check(new S3rverServer(dir), "http://127.0.0.1:PORT/");
    }

    @Test
    void s3proxy(@TempDir Path dir) throws Exception {
        check(new S3ProxyServer(dir), "http://127.0.0.1:PORT/");
    }
}
