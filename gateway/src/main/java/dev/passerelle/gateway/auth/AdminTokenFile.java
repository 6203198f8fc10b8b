package dev.passerelle.gateway.auth;

import dev.passerelle.api.spi.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The generated admin token, kept in a file only its owner can read (mode 0600). */
final class AdminTokenFile {
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
            if (!Files.exists(path)) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(path);
                } catch (FileAlreadyExistsException e) {
                    return read();
                }
                Files.writeString(path, token + "\n", StandardCharsets.UTF_8);
                return token;
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
        return token;
    }
}
