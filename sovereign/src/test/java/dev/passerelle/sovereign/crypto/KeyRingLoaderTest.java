package dev.passerelle.sovereign.crypto;

import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.StorageException;
import dev.passerelle.api.spi.ConfigException;
import dev.passerelle.sovereign.config.SovereignProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRingLoaderTest {
    private static final EnvelopeBinding AT = new EnvelopeBinding("vault", "k");
    @TempDir
    Path dir;

    private static byte[] random32() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Test
    void loadsRawBase64AndPkcs12KeysThatWrapInterchangeably() throws Exception {
        byte[] raw = random32();
        byte[] b64 = random32();
        byte[] p12 = random32();
        Path rawFile = Files.write(dir.resolve("raw.key"), raw);
        Path b64File = Files.writeString(dir.resolve("b64.key"), Base64.getEncoder().encodeToString(b64) + "\n");
        Path store = dir.resolve("keks.p12");
        char[] pw = "s3cret".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, pw);
        ks.setEntry("kek3", new KeyStore.SecretKeyEntry(new SecretKeySpec(p12, "AES")), new KeyStore.PasswordProtection(pw));
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, pw);
        }
        Path pwFile = Files.writeString(dir.resolve("p12.pass"), "s3cret\n");
        KeyRing ring = KeyRingLoader.load(SovereignProperties.of(Map.of(
                "passerelle.keys.current", "k3",
                "passerelle.keys.k1.file", rawFile.toString(),
                "passerelle.keys.k2.file", b64File.toString(),
                "passerelle.keys.env.base64", Base64.getEncoder().encodeToString(raw),
                "passerelle.keys.k3.keystore", store.toString(),
                "passerelle.keys.k3.alias", "kek3",
                "passerelle.keys.k3.password-file", pwFile.toString()))).orElseThrow();
        assertEquals("k3", ring.currentId());
        byte[] dek = random32();
        for (String id : new String[] {"k1", "k2", "k3", "env"}) {
            assertArrayEquals(dek, ring.unwrap(id, ring.wrap(id, dek, AT), AT));
        }
        // k1 and env hold the same material: a key wrapped under one unwraps under the other
        assertArrayEquals(dek, ring.unwrap("env", ring.wrap("k1", dek, AT), AT));
        assertFalse(ring.toString().contains(Base64.getEncoder().encodeToString(raw)));
    }

    @Test
    void missingAndWrongKeksGiveClearErrors() {
        KeyRing a = new KeyRing("a", Map.of("a", random32()));
        KeyRing b = new KeyRing("a", Map.of("a", random32()));
        byte[] wrapped = a.wrap("a", random32(), AT);
        StorageException wrong = assertThrows(StorageException.class, () -> b.unwrap("a", wrapped, AT));
        assertEquals(ErrorKind.INTEGRITY, wrong.kind());
        StorageException missing = assertThrows(StorageException.class, () -> a.unwrap("old-2024", wrapped, AT));
        assertEquals("kek_missing", missing.code());
        assertTrue(missing.getMessage().contains("'old-2024'"), missing.getMessage());
    }

    @Test
    void configProblemsNameTheKey() throws IOException {
        Path shortKey = Files.write(dir.resolve("short.key"), "tooshort".getBytes(StandardCharsets.US_ASCII));
        assertEquals("passerelle.keys.k1.file", assertThrows(ConfigException.class, () -> KeyRingLoader.load(SovereignProperties.of(
                Map.of("passerelle.keys.k1.file", shortKey.toString())))).key());
        assertEquals("passerelle.keys.k1.file", assertThrows(ConfigException.class, () -> KeyRingLoader.load(SovereignProperties.of(
                Map.of("passerelle.keys.k1.file", dir.resolve("absent").toString())))).key());
        Path ok = Files.write(dir.resolve("ok.key"), random32());
        assertEquals("passerelle.keys.current", assertThrows(ConfigException.class, () -> KeyRingLoader.load(SovereignProperties.of(
                Map.of("passerelle.keys.k1.file", ok.toString(), "passerelle.keys.current", "k9")))).key());
        assertEquals("passerelle.keys.k1.fiel", assertThrows(ConfigException.class, () -> KeyRingLoader.load(SovereignProperties.of(
                Map.of("passerelle.keys.k1.file", ok.toString(), "passerelle.keys.k1.fiel", "x")))).key());
        assertTrue(KeyRingLoader.load(SovereignProperties.of(Map.of())).isEmpty());
    }
}
