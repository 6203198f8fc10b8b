package dev.passerelle.gateway.ops;

import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.Passerelle;
import dev.passerelle.sovereign.audit.AuditHead;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.gateway.config.GatewayKeys;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Logs the audit chain's head every {@code passerelle.audit.head-interval} (default 5 minutes) when
 * it moved, as {@code audit head periodically: {json}}; core logs it at start-up and at shutdown. A
 * log shipped off the host then holds heads the file must still reach: cutting the file's tail,
 * even while the gateway is stopped, fails {@code audit-verify --expect-head}.
 */
@Singleton
public class AuditHeadPublisher {
    private final Passerelle passerelle;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private AuditHead last;

    /** @param config {@link GatewayKeys#AUDIT_HEAD_INTERVAL} */
    public AuditHeadPublisher(Passerelle passerelle, ConfigValues config) {
        Duration interval = config.get(GatewayKeys.AUDIT_HEAD_INTERVAL);
        if (interval.toMillis() < 1000) {
            throw new ConfigException("passerelle.audit.head-interval", "must be at least 1s");
        }
        this.passerelle = passerelle;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        last = passerelle.auditHead().orElse(null);
        if (last == null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-head");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::publishIfMoved, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void publishIfMoved() {
        AuditHead now = passerelle.auditHead().orElse(null);
        if (now != null && (last == null || now.lines() != last.lines())) {
            last = passerelle.publishAuditHead("periodically").orElse(now);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
