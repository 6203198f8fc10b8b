package dev.passerelle.gateway.auth;

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
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
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
                buckets.add(b.trim());
            }
        });
        if (buckets.isEmpty()) {
            throw new ConfigException(prefix + "buckets", "must list at least one bucket, or *");
        }
        return new Entry(digest, new Caller(name, access, buckets));
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
