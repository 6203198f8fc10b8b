package dev.passerelle.gateway.auth;

import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.config.OwnerOnlyFiles;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The generated admin token, kept in a file only its owner can read. The file is created at once
 * with mode 0600 ({@code O_CREAT|O_EXCL}, never through a symbolic link). An existing file whose
 * token is shorter than {@value #MIN_LENGTH} characters is refused; one that its group or others
 * may read is accepted with a warning naming the fix.
 */
final class AdminTokenFile {
    /** The shortest admin token accepted (a generated one has 43 characters: 32 random bytes in base64url). */
    static final int MIN_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(AdminTokenFile.class);

    private final Path path;

    AdminTokenFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** @return the token in the file, creating the file with a fresh random token if there is none */
    String readOrCreate() {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    OwnerOnlyFiles.createNew(path, (token + "\n").getBytes(StandardCharsets.UTF_8));
                    return token;
                } catch (FileAlreadyExistsException e) {
                    // another process created it first: read theirs
                }
            }
            return read();
        } catch (IOException e) {
            throw new ConfigException("passerelle.state-dir", "cannot read or create the admin token file " + path + ": " + e.getMessage(), e);
        }
    }

    private String read() throws IOException {
        String token = Files.readString(path, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new ConfigException("passerelle.state-dir", "the admin token file " + path + " is empty; delete it to generate a new token");
        }
        OwnerOnlyFiles.openToOthers(path).ifPresent(why -> LOG.warnf(
                "SECURITY: the admin token file %s is readable beyond its owner, %s: anyone who can read it has admin access", path, why));
        if (token.length() < MIN_LENGTH) {
            throw new ConfigException("passerelle.state-dir", "the admin token in " + path + " has " + token.length()
                    + " characters, fewer than " + MIN_LENGTH + ": delete the file to generate a new token");
        }
        return token;
    }
}
