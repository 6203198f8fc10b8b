package dev.passerelle.gateway.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts an {@link EdgeConnection} at the head of every accepted connection of every HTTP listener
 * (ADR 0014), before Vert.x's HTTP codec: it answers what Vert.x would answer with an empty 400 as
 * problem+json, enforces the header-read timeout, stops a body's excess from being parsed as a
 * second request, and counts connections per client address. Clear-text HTTP/2 (h2c) is turned off
 * so that every plain connection has the same HTTP/1.1 pipeline from its start.
 */
@Singleton
public class ConnectionGuard implements HttpServerOptionsCustomizer {
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);
    private static final String ACCEPT_HOOK = "passerelle-accept";

    private final EdgeSettings settings;
    private final ConcurrentHashMap<InetAddress, Set<EdgeConnection>> perClient = new ConcurrentHashMap<>();

    /** @param settings the edge limits */
    public ConnectionGuard(EdgeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    /** Hooks the listeners once they are bound (Quarkus fires this event asynchronously, right after the bind). */
    void started(@ObservesAsync HttpServerStart event, Vertx vertx) {
        for (TCPServerBase server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            Channel listener = listeningChannel(server);
            if (listener != null && listener.pipeline().get(ACCEPT_HOOK) == null) {
                listener.pipeline().addFirst(ACCEPT_HOOK, new AcceptHook());
            }
        }
    }

    /** The bound channel of a Vert.x server: not public API, read once at start-up. */
    private static Channel listeningChannel(TCPServerBase server) {
        try {
            Field f = TCPServerBase.class.getDeclaredField("bindFuture");
            f.setAccessible(true);
            Future<?> bound = (Future<?>) f.get(server);
            return bound != null && bound.succeeded() && bound.result() instanceof Channel c ? c : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // never silently unguarded: say so at start-up
            LOG.errorf("cannot guard the HTTP listener on port %d (%s): header timeouts, per-client limits and problem+json answers"
                    + " to unparseable requests are OFF", server.actualPort(), e);
            return null;
        }
    }

    /**
     * Counts a new connection of its client address. Over the limit, one of the address's idle
     * keep-alive connections (no request in progress) is closed to make room; only when none is idle
     * is the new one refused.
     *
     * @return whether the connection may proceed (then counted until {@link #closed})
     */
    boolean opened(EdgeConnection connection, SocketAddress remote) {
        InetAddress address = address(remote);
        if (address == null) {
            return true;
        }
        boolean[] admitted = {true};
        perClient.compute(address, (a, set) -> {
            Set<EdgeConnection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(connection);
            if (s.size() > settings.maxConnectionsPerClient()) {
                EdgeConnection idle = s.stream().filter(c -> c != connection && c.idle()).findFirst().orElse(null);
                if (idle != null) {
                    s.remove(idle);
                    idle.evict();
                } else {
                    s.remove(connection);
                    admitted[0] = false;
                }
            }
            return s.isEmpty() ? null : s;
        });
        return admitted[0];
    }

    /** Forgets a connection of the address. */
    void closed(EdgeConnection connection, SocketAddress remote) {
        InetAddress address = address(remote);
        if (address != null) {
            perClient.computeIfPresent(address, (a, s) -> {
                s.remove(connection);
                return s.isEmpty() ? null : s;
            });
        }
    }

    EdgeSettings settings() {
        return settings;
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** On the listening channel: every accepted connection gets its edge handler first. */
    @ChannelHandler.Sharable
    private final class AcceptHook extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                child.pipeline().addFirst(EdgeConnection.NAME, new EdgeConnection(ConnectionGuard.this));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
