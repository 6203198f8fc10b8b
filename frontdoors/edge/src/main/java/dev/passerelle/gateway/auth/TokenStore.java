package dev.passerelle.gateway.auth;

import dev.passerelle.api.Names;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.api.io.Hex;
import dev.passerelle.core.Passerelle;
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

    private final List<Entry> entries;
    private final Set<String> anonymousReadBuckets;

    private record Entry(byte[] digest, Caller caller) {
    }

    /**
     * @param config {@code passerelle.auth.*}
     * @param passerelle the registry (for the state directory)
     * @throws ConfigException naming the key of a bad token setting
     */
    public TokenStore(AuthConfig config, Passerelle passerelle) {
        List<Entry> list = new ArrayList<>();
        for (Map.Entry<String, AuthConfig.TokenConfig> e : config.tokens().entrySet()) {
            list.add(entry(e.getKey(), e.getValue()));
        }
        if (list.isEmpty()) {
            AdminTokenFile file = new AdminTokenFile(passerelle.stateDir().resolve("admin-token"));
            String secret = file.readOrCreate();
            LOG.infof("No token is configured: the admin token is in %s", file.path().toAbsolutePath());
            list.add(new Entry(sha256(secret), new Caller("admin", Access.ADMIN, Set.of("*"))));
        }
        this.entries = List.copyOf(list);
        this.anonymousReadBuckets = Set.copyOf(config.anonymousReadBuckets().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(b -> checkBucket("passerelle.auth.anonymous-read-buckets", b, false)).toList());
    }

    private static Entry entry(String name, AuthConfig.TokenConfig t) {
        String prefix = "passerelle.auth.tokens." + name + ".";
        byte[] digest;
        if (t.secret().isPresent() == t.secretSha256().isPresent()) {
            throw new ConfigException(prefix + "secret", "set exactly one of " + prefix + "secret and " + prefix + "secret-sha256");
        }
        if (t.secret().isPresent()) {
            if (t.secret().get().isBlank()) {
                throw new ConfigException(prefix + "secret", "must not be empty");
            }
            digest = sha256(t.secret().get());
            if (t.secret().get().trim().length() < MIN_SECRET) {
                LOG.warnf("SECURITY: %ssecret has %d characters, fewer than %d: a short token can be guessed; "
                        + "use at least %d random characters (e.g. openssl rand -base64 32)", prefix, t.secret().get().trim().length(),
                        MIN_SECRET, MIN_SECRET);
            }
        } else {
            String hex = t.secretSha256().get().trim();
            if (!HEX64.matcher(hex).matches()) {
                throw new ConfigException(prefix + "secret-sha256", "must be 64 hexadecimal characters");
            }
            digest = Hex.decode(hex.toLowerCase());
        }
        Access access = Access.parse(t.access().orElse("read"));
        if (access == null) {
            throw new ConfigException(prefix + "access", "must be read, write or admin");
        }
        Set<String> buckets = new HashSet<>();
        t.buckets().orElse(List.of("*")).forEach(b -> {
            if (!b.isBlank()) {
                buckets.add(checkBucket(prefix + "buckets", b.trim(), true));
            }
        });
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
