package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.config.ConfigKeys;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.config.SovereignKeys;
import dev.passerelle.sovereign.config.SovereignProperties;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link KeyRing} from {@code passerelle.keys.*}:
 * <pre>
 * passerelle.keys.current=k2
 * passerelle.keys.k1.file=/secrets/k1.key          # 32 raw bytes, or their base64
 * passerelle.keys.k2.base64=...                     # base64 of 32 bytes (e.g. from the environment)
 * passerelle.keys.k3.keystore=/secrets/keks.p12     # PKCS#12 with an AES secret-key entry
 * passerelle.keys.k3.alias=k3
 * passerelle.keys.k3.password-file=/secrets/p12.pass  (or .password, from the environment)
 * </pre>
 * Errors are {@link ConfigException}s naming the key; key material never appears in a message.
 */
public final class KeyRingLoader {
    private static final String PREFIX = "passerelle.keys.";

    private KeyRingLoader() {
    }

    /**
     * @return the key ring, or empty when no KEK is configured at all
     * @throws ConfigException naming the key at fault
     */
    public static Optional<KeyRing> load(SovereignProperties props) {
        Map<String, byte[]> keys = new TreeMap<>();
        for (String id : props.children(PREFIX)) {
            if (id.equals("current")) {
                continue;
            }
            if (!KeyRing.ID.matcher(id).matches()) {
                throw new ConfigException(PREFIX + id, "KEK id must match " + KeyRing.ID.pattern());
            }
            ConfigKeys.check(props.valuesUnder(PREFIX + id + "."), List.of(SovereignKeys.KEYS));
            keys.put(id, loadOne(props, id));
        }
        Optional<String> current = props.find(SovereignKeys.KEYS_CURRENT);
        if (keys.isEmpty()) {
            if (current.isPresent()) {
                throw new ConfigException(PREFIX + "current", "names KEK '" + current.get() + "' but no passerelle.keys.<id>.file/.keystore is configured");
            }
            return Optional.empty();
        }
        String cur = current.orElseGet(() -> {
            if (keys.size() == 1) {
                return keys.keySet().iterator().next();
            }
            throw new ConfigException(PREFIX + "current", "missing setting (several KEKs are configured: " + keys.keySet() + ")");
        });
        if (!keys.containsKey(cur)) {
            throw new ConfigException(PREFIX + "current", "names KEK '" + cur + "', which is not configured (configured: " + keys.keySet() + ")");
        }
        KeyRing ring = new KeyRing(cur, keys);
        keys.values().forEach(b -> Arrays.fill(b, (byte) 0));
        return Optional.of(ring);
    }

    private static byte[] loadOne(SovereignProperties props, String id) {
        String base = PREFIX + id + ".";
        Optional<java.nio.file.Path> file = props.find(SovereignKeys.KEY_FILE, id);
        Optional<String> base64 = props.find(SovereignKeys.KEY_BASE64, id);
        int sources = (file.isPresent() ? 1 : 0) + (base64.isPresent() ? 1 : 0) + (props.find(SovereignKeys.KEY_KEYSTORE, id).isPresent() ? 1 : 0);
        if (sources != 1) {
            throw new ConfigException(base + "file", "set exactly one of " + base + "file, " + base + "base64 or " + base + "keystore");
        }
        if (file.isPresent()) {
            return rawOrBase64(base + "file", props.readFile(SovereignKeys.KEY_FILE.bind(id)));
        }
        if (base64.isPresent()) {
            return decode(base + "base64", base64.get());
        }
        return fromKeystore(props, id);
    }

    private static byte[] rawOrBase64(String key, byte[] content) {
        if (content.length == 32) {
            return content;
        }
        return decode(key, new String(content, StandardCharsets.US_ASCII).trim());
    }

    private static byte[] decode(String key, String base64) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "expected 32 raw bytes or the base64 of 32 bytes");
        }
        if (b.length != 32) {
            throw new ConfigException(key, "a KEK must be 32 bytes (AES-256), this one is " + b.length);
        }
        return b;
    }

    private static byte[] fromKeystore(SovereignProperties props, String id) {
        String base = PREFIX + id + ".";
        String alias = props.get(SovereignKeys.KEY_ALIAS, id);
        char[] password = (props.get(base + "password-file").isPresent() ? props.readTextFile(base + "password-file")
                : props.find(SovereignKeys.KEY_PASSWORD, id).orElseThrow(() -> new ConfigException(base + "password-file",
                        "missing setting (or " + base + "password)")))
                .toCharArray();
        Path path = props.get(SovereignKeys.KEY_KEYSTORE, id);
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Key k = ks.getKey(alias, password);
            if (!(k instanceof SecretKey sk) || sk.getEncoded() == null) {
                throw new ConfigException(base + "alias", "keystore " + path + " has no secret key under alias '" + alias + "'");
            }
            byte[] raw = sk.getEncoded();
            if (raw.length != 32) {
                throw new ConfigException(base + "alias", "the key under alias '" + alias + "' is " + raw.length + " bytes, a KEK must be 32 (AES-256)");
            }
            return raw;
        } catch (IOException e) {
            throw new ConfigException(base + "keystore", "cannot read keystore " + path + " (" + e.getClass().getSimpleName()
                    + (e.getCause() != null ? ": wrong password?" : "") + ")");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(base + "keystore", "cannot load the key from keystore " + path + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
