package dev.passerelle.gateway.ops;

import dev.passerelle.api.spi.ConfigException;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

import java.util.Locale;

/**
 * The gateway's entry point. A failure to start (a bad setting, a port in use) prints ONE line on
 * stderr naming the key at fault and exits non-zero (2 for a configuration problem, 1 otherwise), as
 * the CLI does; the stack trace only with {@code PASSERELLE_DEBUG=1} or {@code -Dpasserelle.debug=true}.
 * Quarkus logs its own 40-line trace only when the application gives no exit handler.
 */
@QuarkusMain
public class GatewayMain implements QuarkusApplication {
    /** The exit code of a start-up stopped by the configuration (the CLI's code for the same). */
    public static final int CONFIG_EXIT = 2;

    /** @param args the command line (Quarkus reads its own options from system properties) */
    public static void main(String... args) {
        Quarkus.run(GatewayMain.class, GatewayMain::exit, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }

    private static void exit(int code, Throwable failure) {
        int exitCode = code;
        if (failure != null) {
            System.err.println("passerelle: " + line(failure));
            if (debug()) {
                failure.printStackTrace();
            }
            exitCode = isConfiguration(failure) ? CONFIG_EXIT : Math.max(code, 1);
        }
        // the default handler exits the JVM (or, under a test harness, records the code)
        ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(exitCode, failure);
    }

    /**
     * @param failure why start-up failed
     * @return one line: the key and the problem for a configuration error, else what failed
     */
    static String line(Throwable failure) {
        ConfigException config = configuration(failure);
        if (config != null) {
            return firstLine(config.getMessage());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof QuarkusBindException bind) {
            return "quarkus.http.port: cannot listen on " + bind.getHost() + ":" + bind.getPort()
                    + " (in use by another process?); choose another with -Dquarkus.http.port=PORT";
        }
        if (root instanceof ConfigValidationException invalid) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < invalid.getProblemCount(); i++) {
                // SmallRye prefixes a conversion problem with the exception's class name: not for an operator
                b.append(i == 0 ? "" : "; ").append(firstLine(invalid.getProblem(i).getMessage()).replaceFirst("^([a-z_]+\\.)+[A-Z]\\w*: ", ""));
            }
            return b.toString();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
        if (root instanceof ConfigurationException) {
            return message;
        }
        return "start-up failed: " + message + (debug() ? "" : " (PASSERELLE_DEBUG=1 prints the stack trace)");
    }

    private static boolean isConfiguration(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException || t instanceof ConfigValidationException || t instanceof ConfigurationException) {
                return true;
            }
        }
        return false;
    }

    private static ConfigException configuration(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        String m = message.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** @return whether {@code PASSERELLE_DEBUG} (1, true, yes) or {@code -Dpasserelle.debug=true} asks for stack traces */
    static boolean debug() {
        String value = System.getProperty(dev.passerelle.gateway.config.GatewayKeys.DEBUG.name(), System.getenv("PASSERELLE_DEBUG"));
        return value != null && switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }
}
