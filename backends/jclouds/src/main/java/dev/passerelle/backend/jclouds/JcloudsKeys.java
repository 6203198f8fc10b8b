package dev.passerelle.backend.jclouds;

import dev.passerelle.api.config.BackendKeys;
import dev.passerelle.api.config.ConfigKey;
import dev.passerelle.api.config.ConfigKeys;

import java.nio.file.Path;

/** The keys of backend type {@code jclouds}, under {@code passerelle.backends.<name>.}. */
final class JcloudsKeys {
    private static final String P = BackendKeys.PREFIX;

    static final ConfigKey<String> PROVIDER = ConfigKey.string(P + "provider").markRequired()
            .help("jclouds provider or API id: `transient`, `filesystem`, `s3`, `openstack-swift` are bundled.");
    static final ConfigKey<String> ENDPOINT = ConfigKey.string(P + "endpoint").defaultNote("jclouds' default")
            .help("The host's endpoint (for Swift: the auth/Keystone endpoint).");
    static final ConfigKey<String> IDENTITY = ConfigKey.string(P + "identity")
            .help("Access key / `tenant:user` / `project:user`; required unless the provider is `transient` or `filesystem`.");
    static final ConfigKey<String> CREDENTIAL = ConfigKey.string(P + "credential").markSecret()
            .help("The secret; required unless the provider is `transient` or `filesystem`.");
    static final ConfigKey<String> PROPERTIES = ConfigKey.string(P + "properties.<jclouds-property...>")
            .help("Passed to jclouds as `<jclouds-property>`, unchanged (e.g. `properties.jclouds.s3.virtual-host-buckets=false`); they win over the bridge's own values.");
    static final ConfigKey<String> LIST_ORDER = ConfigKey.string(P + "list-order").defaultNote("per provider")
            .help("`utf-8` or `utf-16`: the order the host lists keys in.");
    static final ConfigKey<Long> MAX_OBJECT_SIZE = ConfigKey.size(P + "max-object-size").defaultNote("per provider (5 GiB: one PUT of S3 or Swift)")
            .help("The largest object accepted.");
    static final ConfigKey<Long> BUFFER_SIZE = ConfigKey.size(P + "buffer-size").defaultValue("8MiB")
            .help("Bytes of an upload held in memory (64KiB..1GiB); larger uploads are spooled to `spill-dir`.");
    static final ConfigKey<Path> SPILL_DIR = ConfigKey.path(P + "spill-dir").defaultNote("`java.io.tmpdir`")
            .help("Where larger uploads are spooled.");
    static final ConfigKey<Boolean> SERVER_SIDE_COPY = ConfigKey.bool(P + "server-side-copy").defaultValue("true")
            .help("`true` lets `copy` use the host's copy; `false` makes it `UNSUPPORTED`.");

    static final ConfigKeys DECLARATION = ConfigKeys.of("backend-jclouds", "jclouds bridge (`type=jclouds`, optional module)",
            "jclouds is retired to the Apache Attic; the bridge stays optional. `timeout` feeds `jclouds.so-timeout` and `jclouds.connection-timeout`.",
            PROVIDER, ENDPOINT, IDENTITY, CREDENTIAL, PROPERTIES, LIST_ORDER, MAX_OBJECT_SIZE, BUFFER_SIZE, SPILL_DIR, SERVER_SIDE_COPY);

    private JcloudsKeys() {
    }
}
