package dev.passerelle.gateway;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A raw HTTP/1.1 connection to the gateway under test, for what HTTP clients will not do (disconnects, 100-continue). */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp() throws IOException {
        this(0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes (set before connecting), or 0 for the system's */
    RawHttp(int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", RestAssured.port));
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends a request line and headers (Host added). */
    RawHttp head(String method, String path, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends raw bytes. */
    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one chunk of a chunked body. */
    RawHttp chunk(byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Ends a chunked body. */
    RawHttp lastChunk() throws IOException {
        return send("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads a status line and headers. */
    Reply readHead() throws IOException {
        String status = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers);
    }

    /** Reads {@code n} body bytes, or fewer if the connection ends first. */
    byte[] readBody(long n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                break;
            }
            b.write(buf, 0, r);
            left -= r;
        }
        return b.toByteArray();
    }

    /** @return whether the server closes the connection (end of stream) with nothing more to read, within the socket timeout */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset: closed too
        }
    }

    /** @return the body of a reply, read by its Content-Length */
    String body(Reply reply) throws IOException {
        return new String(readBody(Long.parseLong(reply.header("Content-Length"))), StandardCharsets.UTF_8);
    }

    /** @return whether bytes from the server are waiting to be read, without blocking */
    boolean answered() throws IOException {
        return in.available() > 0;
    }

    /** @return whether the server has the next byte ready within the timeout (false on timeout) */
    boolean waitsForMoreThan(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            throw new AssertionError("server sent data (" + b + ") while it should wait");
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(20_000);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Half-closes: the server sees the end of the request stream (FIN), the reply can still be read. */
    void finish() throws IOException {
        socket.shutdownOutput();
    }

    /** Closes abruptly (RST), as a crashed client would. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Reply(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
