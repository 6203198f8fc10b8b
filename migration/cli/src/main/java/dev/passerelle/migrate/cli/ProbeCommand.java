package dev.passerelle.migrate.cli;

import dev.passerelle.api.config.ConfigType;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.core.BackendInfo;
import dev.passerelle.migrate.ExitCodes;
import dev.passerelle.migrate.Probe;
import dev.passerelle.migrate.UsageException;
import picocli.CommandLine;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code probe BACKEND}: exercise a backend on a scratch container before trusting it. */
@CommandLine.Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Exercise a backend on a scratch container (put/get, multi-part, unknown length, ranges, metadata, "
                + "listing, conditional reads, delete), print what works, and clean up. Exit 1 if the host breaks the contract.")
public class ProbeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions common = new CommonOptions();

    @CommandLine.Parameters(index = "0", paramLabel = "BACKEND", description = "A configured backend name.")
    String backend;

    @CommandLine.Option(names = "--large-size", paramLabel = "SIZE", defaultValue = "24MiB",
            description = "Size of the multi-part object (default ${DEFAULT-VALUE}).")
    String largeSize;

    /** @return 0 when every check passed, 1 otherwise */
    @Override
    public Integer call() {
        long size;
        try {
            size = ConfigType.parseSize("--large-size", largeSize);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
        if (size > Integer.MAX_VALUE) {
            throw new UsageException("--large-size must be below 2 GiB");
        }
        try (Context ctx = new Context(common.config)) {
            ctx.startUpFront(backend);
            BackendInfo info;
            try {
                info = ctx.passerelle().backend(backend);
            } catch (dev.passerelle.api.StorageException e) {
                throw new UsageException("unknown backend '" + backend + "': configured backends are "
                        + ctx.passerelle().backendNames());
            }
            Probe probe = new Probe(info.store(), size);
            List<Probe.Check> checks = probe.run();
            boolean ok = checks.stream().allMatch(Probe.Check::ok);
            if (common.json) {
                StringBuilder sb = new StringBuilder("{\"backend\":\"" + backend + "\",\"ok\":" + ok + ",\"checks\":[");
                for (int i = 0; i < checks.size(); i++) {
                    Probe.Check c = checks.get(i);
                    sb.append(i == 0 ? "" : ",").append("{\"name\":\"").append(c.name().replace("\"", "'")).append("\",\"ok\":").append(c.ok())
                            .append(",\"detail\":").append(c.detail() == null ? "null" : "\"" + c.detail().replace("\\", "\\\\").replace("\"", "'") + "\"")
                            .append('}');
                }
                System.out.println(sb.append("]}"));
            } else if (!common.quiet) {
                System.err.println("probe " + backend + " (" + info.type() + ") on scratch container " + probe.container());
                for (Probe.Check c : checks) {
                    System.err.println("  " + (c.ok() ? "ok  " : "FAIL") + "  " + c.name() + (c.detail() == null ? "" : "  (" + c.detail() + ")"));
                }
                System.err.println("  result: " + (ok ? "the backend honours the contract" : "the backend BREAKS the contract"));
            }
            return ok ? ExitCodes.OK : ExitCodes.DIFFERENCES;
        }
    }
}
