package dev.passerelle.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code passerelle.auth.*}: the bearer tokens and the buckets open to anonymous reads. */
@ConfigMapping(prefix = "passerelle.auth")
public interface AuthConfig {

    /** @return the tokens by name ({@code passerelle.auth.tokens.<name>.*}) */
    Map<String, TokenConfig> tokens();

    /** @return the buckets anyone may read without a token */
    @WithName("anonymous-read-buckets")
    Optional<List<String>> anonymousReadBuckets();

    /** One token. */
    interface TokenConfig {
        /** @return the secret itself (better from an environment variable), or empty */
        Optional<String> secret();

        /** @return the hex SHA-256 of the secret (keeps the secret out of the configuration), or empty */
        @WithName("secret-sha256")
        Optional<String> secretSha256();

        /** @return read, write or admin (default read) */
        Optional<String> access();

        /** @return the buckets the token may use, or {@code *} (default) */
        Optional<List<String>> buckets();
    }
}
