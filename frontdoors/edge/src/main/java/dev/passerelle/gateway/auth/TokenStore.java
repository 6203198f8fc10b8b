package dev.passerelle.gateway.auth;

import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.config.ConfigValues;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.core.Passerelle;
import dev.passerelle.gateway.config.GatewayConfig;
import dev.passerelle.gateway.config.GatewayKeys;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configured bearer tokens, kept only as SHA-256 digests and compared in constant time. With no
 * token configured, an admin token is generated once into {@code <state dir>/admin-token}.
 */
@Singleton
public class TokenStore {
    private static final Logger LOG = Logger.getLogger(TokenStore.class);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    /** Configured secrets shorter than this are accepted with a warning (a generated admin token shorter is refused). */
    private static final int MIN_SECRET = AdminTokenFile.MIN_LENGTH;
    private static final String PREFIX = "passerelle.auth.tokens.";

    private final List<Entry> entries;
    private final Set<String> anonymousReadBuckets;

    private record Entry(byte[] digest, Caller caller) {
    }

    /**
     * @param config the configuration, for the names of {@code passerelle.auth.tokens.<name>.*}
     * @param values typed reads of the declared keys ({@link GatewayKeys})
     * @param passerelle the registry (for the state directory)
     * @throws ConfigException naming the key of a bad token setting
     */
    @Inject
    public TokenStore(Config config, ConfigValues values, Passerelle passerelle) {
        this(GatewayConfig.tokens(config), values, passerelle);
    }

    TokenStore(Map<String, String> tokenProperties, ConfigValues values, Passerelle passerelle) {
        ConfigValues tokens = ConfigValues.of(tokenProperties);
        Set<String> names = new TreeSet<>();
        tokenProperties.keySet().forEach(k -> names.add(k.substring(PREFIX.length(), k.indexOf('.', PREFIX.length()) < 0 ? k.length()
                : k.indexOf('.', PREFIX.length()))));
        List<Entry> list = new ArrayList<>();
        for (String name : names) {
            list.add(entry(name, tokens));
        }
        if (list.isEmpty()) {
            AdminTokenFile file = new AdminTokenFile(passerelle.stateDir().resolve("admin-token"));
            String secret = file.readOrCreate();
            LOG.infof("No token is configured: the admin token is in %s", file.path().toAbsolutePath());
            list.add(new Entry(sha256(secret), new Caller("admin", Access.ADMIN, Set.of("*"))));
        }
        this.entries = List.copyOf(list);
        this.anonymousReadBuckets = Set.copyOf(values.find(GatewayKeys.ANONYMOUS_READ_BUCKETS).orElse(List.of()).stream()
                .map(b -> checkBucket(GatewayKeys.ANONYMOUS_READ_BUCKETS.name(), b, false)).toList());
    }

    private static Entry entry(String name, ConfigValues t) {
        String prefix = PREFIX + name + ".";
        byte[] digest;
        Optional<String> secret = t.raw(GatewayKeys.TOKEN_SECRET, name);
        Optional<String> secretSha256 = t.raw(GatewayKeys.TOKEN_SECRET_SHA256, name);
        if (secret.isPresent() == secretSha256.isPresent()) {
            throw new ConfigException(prefix + "secret", "set exactly one of " + prefix + "secret and " + prefix + "secret-sha256");
        }
        if (secret.isPresent()) {
            digest = sha256(secret.get());
            if (secret.get().length() < MIN_SECRET) {
                LOG.warnf("SECURITY: %ssecret has %d characters, fewer than %d: a short token can be guessed; "
                        + "use at least %d random characters (e.g. openssl rand -base64 32)", prefix, secret.get().length(),
                        MIN_SECRET, MIN_SECRET);
            }
        } else {
            String hex = secretSha256.get();
            if (!HEX64.matcher(hex).matches()) {
                throw new ConfigException(prefix + "secret-sha256", "must be 64 hexadecimal characters");
            }
            digest = Hex.decode(hex.toLowerCase());
        }
        Access access = Access.parse(t.get(GatewayKeys.TOKEN_ACCESS, name));
        Set<String> buckets = new HashSet<>();
        t.get(GatewayKeys.TOKEN_BUCKETS, name).forEach(b -> buckets.add(checkBucket(prefix + "buckets", b, true)));
        if (buckets.isEmpty()) {
            throw new ConfigException(prefix + "buckets", "must list at least one bucket, or *");
        }
        return new Entry(digest, new Caller(name, access, buckets));
    }

    /**
     * @return the scope entry, when it is {@code *} (if allowed) or a valid bucket name
     * @throws ConfigException naming the key otherwise: a pattern such as {@code ab*} would match no bucket
     */
    private static String checkBucket(String key, String entry, boolean starAllowed) {
        if (starAllowed && entry.equals("*")) {
            return entry;
        }
        try {
            Names.validateContainer(entry);
        } catch (StorageException e) {
            throw new ConfigException(key, "'" + entry + "' is " + (starAllowed ? "neither * nor" : "not") + " a bucket name ("
                    + e.detail() + "); patterns such as ab* are not supported: list the buckets");
        }
        return entry;
    }

    /**
     * Finds the token's caller, comparing against every configured token in constant time.
     *
     * @param presented the bearer token as sent
     * @return the caller, or empty when no token matches
     */
    public Optional<Caller> authenticate(String presented) {
        byte[] digest = sha256(presented);
        Caller found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
                found = e.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return whether anyone may read this bucket without a token */
    public boolean isAnonymousReadable(String bucket) {
        return bucket != null && anonymousReadBuckets.contains(bucket);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
