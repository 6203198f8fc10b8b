package dev.passerelle.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a test server that, when armed, cuts the next connection whose
 * answer carries more than a given number of bytes: a connection breaking in the middle of a body.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicInteger cuts = new AtomicInteger();

    /**
     * @param upstreamPort the loopback port of the server behind the proxy
     * @throws IOException when no port can be bound
     */
    public CuttingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "cutting-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** @return the proxy's loopback port */
    public int port() {
        return listener.getLocalPort();
    }

    /** The next connection that forwards more than {@code bytes} bytes of answer is cut there. */
    public void arm(long bytes) {
        cutAfter.set(bytes);
    }

    /** @return how many connections were cut */
    public int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                pipe(client, server, false);
                pipe(server, client, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            long forwarded = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    long limit = answers ? cutAfter.get() : -1;
                    if (limit >= 0 && forwarded + n > limit && cutAfter.compareAndSet(limit, -1)) {
                        out.write(buf, 0, (int) Math.max(0, limit - forwarded));
                        out.flush();
                        cuts.incrementAndGet();
                        from.close();
                        to.close();
                        return;
                    }
                    out.write(buf, 0, n);
                    forwarded += n;
                }
            } catch (IOException e) {
                // either side closed: close both
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "cutting-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
