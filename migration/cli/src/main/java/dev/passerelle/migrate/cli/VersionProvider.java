package dev.passerelle.migrate.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine;

/** The tool version, from the build. */
public class VersionProvider implements CommandLine.IVersionProvider {

    /** @return the version of this build */
    public static String version() {
        return ConfigProvider.getConfig().getOptionalValue("passerelle-migrate.version", String.class).orElse("unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"passerelle-migrate " + version()};
    }
}
