package dev.passerelle.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.net.impl.VertxHandler;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's edge, first in its Netty pipeline (raw bytes), with a companion after the HTTP
 * codec (decoded heads and response ends). All state is touched on the connection's event loop only.
 * <ul>
 * <li>Header timeout: a request head must be complete within {@code passerelle.http.header-timeout}
 * of the connection's start, or of the first byte of a later request; else {@code 408} and close.</li>
 * <li>Excess after a body: once a request's body has fully arrived, any byte that arrives before its
 * response has ended (a body longer than its Content-Length, or a request pipelined behind an
 * upload) is discarded, never parsed, and the connection is closed after the response.</li>
 * <li>Per-client limit: over {@code passerelle.http.max-connections-per-client}, an idle keep-alive
 * connection of the same address is closed to make room; when none is idle the new one gets
 * {@code 503} and is closed.</li>
 * <li>An unparseable request gets a problem+json answer ({@link InvalidRequests}).</li>
 * </ul>
 */
final class EdgeConnection extends ChannelDuplexHandler {
    static final String NAME = "passerelle-edge";
    private static final String MESSAGES = "passerelle-edge-messages";
    private static final Logger LOG = Logger.getLogger(EdgeConnection.class);

    private final ConnectionGuard guard;
    private ChannelHandlerContext ctx;
    private boolean counted;
    private boolean messagesInstalled;
    /** Requests whose head arrived and whose response has not ended yet. */
    private int pending;
    /** The body of the current request is still arriving. */
    private boolean inRequest;
    private boolean hasBody;
    /** The last request's body has fully arrived; anything before its response ends is excess. */
    private boolean bodyEnded;
    private boolean closeAfterResponse;
    /** Everything further on this connection is discarded. */
    private boolean dropping;
    /** The buffer being decoded right now, to see bytes left after a body in the same read. */
    private ByteBuf reading;
    private ScheduledFuture<?> timer;
    /** No request in progress and no head arriving: a keep-alive connection waiting (read from other threads). */
    private volatile boolean idle;
    private boolean headBytes;
    private long armedAt;

    EdgeConnection(ConnectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        ctx.fireChannelActive();
        if (!guard.opened(this, ctx.channel().remoteAddress())) {
            dropping = true;
            int max = guard.settings().maxConnectionsPerClient();
            respondRaw(503, "too_many_connections", "this client address already holds " + max
                    + " connections (passerelle.http.max-connections-per-client)", "Retry-After: 1", "too_many_connections", 0);
            return;
        }
        counted = true;
        installMessages();
        arm(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        if (counted) {
            counted = false;
            guard.closed(this, ctx.channel().remoteAddress());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (dropping) {
            buf.release();
            return;
        }
        if (bodyEnded && pending > 0) {
            buf.release();
            excess("bytes after a complete body");
            return;
        }
        idle = false;
        if (timer != null) {
            headBytes = true;
        } else if (pending == 0 && !inRequest) {
            arm(true);
        }
        if (!messagesInstalled) {
            installMessages();
        }
        reading = buf;
        try {
            ctx.fireChannelRead(buf);
        } finally {
            reading = null;
        }
    }

    /** Puts the companion after the HTTP codec and our invalid-request answer on the Vert.x connection. */
    private void installMessages() {
        if (ctx.pipeline().get("httpEncoder") == null) {
            return;
        }
        messagesInstalled = true;
        ctx.pipeline().addAfter("httpEncoder", MESSAGES, new Messages());
        ChannelHandler handler = ctx.pipeline().get("handler");
        if (handler instanceof VertxHandler<?> vertx && vertx.getConnection() instanceof HttpServerConnection connection) {
            connection.invalidRequestHandler(InvalidRequests::answer);
        } else {
            LOG.warnf("connection from %s: no Vert.x HTTP/1.1 connection found; unparseable requests get Vert.x' plain answer",
                    ctx.channel().remoteAddress());
        }
    }

    private void excess(String what) {
        LOG.debugf("connection from %s: %s; discarded, closing after the response", ctx.channel().remoteAddress(), what);
        dropping = true;
        closeAfterResponse = true;
        disarm();
        if (pending == 0) {
            ctx.close();
        }
    }

    private void arm(boolean bytesAlready) {
        disarm();
        headBytes = bytesAlready;
        armedAt = System.nanoTime();
        timer = ctx.executor().schedule(this::timedOut, guard.settings().headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void timedOut() {
        timer = null;
        if (!ctx.channel().isActive() || dropping) {
            return;
        }
        dropping = true;
        if (!headBytes) {
            ctx.close();
            return;
        }
        long ms = guard.settings().headerTimeout().toMillis();
        respondRaw(408, "request_timeout", "the request head (request line and headers) did not arrive within " + ms
                + " ms (passerelle.http.header-timeout)", null, "header_timeout", (System.nanoTime() - armedAt) / 1000);
    }

    /** Answers below the HTTP codec (no request was parsed), logs the exchange and closes. */
    private void respondRaw(int status, String code, String detail, String extraHeader, String reason, long micros) {
        String id = RequestIds.fresh();
        byte[] body = Problems.json(Problems.of(status, code, detail, id)).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n"
                + "Content-Type: " + Problem.MEDIA_TYPE + "\r\nContent-Length: " + body.length + "\r\n"
                + RequestIds.HEADER + ": " + id + "\r\nConnection: close\r\n" + (extraHeader == null ? "" : extraHeader + "\r\n") + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(headBytes, body)).addListener(ChannelFutureListener.CLOSE);
        String client = ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : null;
        AccessLog.write(new AccessLog.Entry(id, null, null, null, null, null, Integer.toString(status), reason, 0,
                headBytes.length + body.length, micros, client));
    }

    /** After the HTTP codec: sees request heads and ends, and response ends, as objects. */
    private final class Messages extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext mctx, Object msg) {
            if (dropping) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                if (bodyEnded && pending > 0) {
                    ReferenceCountUtil.release(msg);
                    excess("a request pipelined behind a body");
                    return;
                }
                disarm();
                idle = false;
                pending++;
                inRequest = true;
                bodyEnded = false;
                hasBody = declaresBody(request);
            }
            if (msg instanceof LastHttpContent) {
                inRequest = false;
                idle = pending == 0;
                if (hasBody) {
                    bodyEnded = true;
                    if (reading != null && reading.refCnt() > 0 && reading.isReadable()) {
                        mctx.fireChannelRead(msg);
                        excess("bytes after a complete body in the same read");
                        return;
                    }
                }
            }
            mctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext mctx, Object msg, ChannelPromise promise) {
            boolean informational = msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (informational || !(msg instanceof LastHttpContent)) {
                mctx.write(msg, promise);
                return;
            }
            ChannelPromise p = promise.unvoid();
            p.addListener(f -> responseEnded());
            mctx.write(msg, p);
        }
    }

    private void responseEnded() {
        pending = Math.max(0, pending - 1);
        if (pending > 0) {
            return;
        }
        if (closeAfterResponse) {
            ctx.close();
            return;
        }
        bodyEnded = false;
        idle = !inRequest;
    }

    /** @return whether the connection only waits for a next request (safe to close to make room) */
    boolean idle() {
        return idle;
    }

    /** Closes an idle connection to make room for a new one of the same client (any thread). */
    void evict() {
        LOG.debugf("connection from %s: idle, closed to make room for a new one", ctx.channel().remoteAddress());
        ctx.channel().close();
    }

    private static boolean declaresBody(HttpRequest request) {
        if (HttpUtil.isTransferEncodingChunked(request)) {
            return true;
        }
        try {
            return HttpUtil.getContentLength(request, 0L) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
