package dev.passerelle.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * For start-up refusal tests ({@code @QuarkusMainTest}): with {@code passerelle-test.exit-after-start=true},
 * a gateway that starts although it should have refused exits with {@value #EXIT} once started, so
 * the test fails on the exit code instead of waiting for a server that never stops.
 */
@Singleton
public class ExitAfterStartup {
    /** The exit code of a gateway that started when it should not have. */
    public static final int EXIT = 3;

    void exit(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        if (ConfigProvider.getConfig().getOptionalValue("passerelle-test.exit-after-start", Boolean.class).orElse(false)) {
            Quarkus.asyncExit(EXIT);
        }
    }
}
