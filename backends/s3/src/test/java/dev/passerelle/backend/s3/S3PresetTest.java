package dev.passerelle.backend.s3;

import dev.passerelle.api.spi.BackendSettings;
import dev.passerelle.api.spi.ConfigException;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.http.Method;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The URL each preset builds (taken from minio-java itself, through a presigned URL: no network), and settings checks. */
class S3PresetTest {

    private static BackendSettings settings(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("type", "s3", "access-key", "AK", "secret-key", "SK-very-secret"));
        m.putAll(extra);
        return new BackendSettings("cellar", m);
    }

    /** @return the URL minio-java sends a GET of bucket/key to, without the query string */
    private static String objectUrl(Map<String, String> extra) throws Exception {
        S3Settings s = S3Settings.from(settings(extra));
        OkHttpClient http = S3ClientFactory.httpClient(s);
        try {
            String url = S3ClientFactory.s3Client(s, http).getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket("patients").object("scans/a.dcm").build());
            String minio = url.substring(0, url.indexOf('?'));
            // one transport per host: the direct calls address the object at the same URL, whatever the style
            assertEquals(minio, DirectS3Http.create(s).url("patients", "scans/a.dcm"), "DirectS3Http's URL");
            return minio;
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void cleverCloudIsVirtualHostOnCellar() throws Exception {
        assertEquals("https://patients.cellar-c2.services.clever-cloud.com/scans/a.dcm", objectUrl(Map.of("preset", "clever-cloud")));
    }

    @Test
    void ovhcloudTemplatesTheRegion() throws Exception {
        assertEquals("https://patients.s3.gra.io.cloud.ovh.net/scans/a.dcm", objectUrl(Map.of("preset", "ovhcloud")));
        assertEquals("https://patients.s3.sbg.io.cloud.ovh.net/scans/a.dcm", objectUrl(Map.of("preset", "ovhcloud", "region", "sbg")));
    }

    @Test
    void scalewayTemplatesTheRegionAndAllowsAThousandParts() throws Exception {
        assertEquals("https://patients.s3.nl-ams.scw.cloud/scans/a.dcm", objectUrl(Map.of("preset", "scaleway", "region", "nl-ams")));
        S3Settings s = S3Settings.from(settings(Map.of("preset", "scaleway")));
        assertEquals(1000, s.capabilities().maxParts());
        assertEquals(1000L * (5L << 30), s.capabilities().maxObjectSize());
    }

    @Test
    void outscaleIsPathStyle() throws Exception {
        assertEquals("https://oos.eu-west-2.outscale.com/patients/scans/a.dcm", objectUrl(Map.of("preset", "outscale")));
        assertEquals("https://oos.cloudgouv-eu-west-1.outscale.com/patients/scans/a.dcm",
                objectUrl(Map.of("preset", "outscale", "region", "cloudgouv-eu-west-1")));
    }

    @Test
    void awsIsVirtualHostPerRegion() throws Exception {
        assertEquals("https://patients.s3.eu-west-3.amazonaws.com/scans/a.dcm", objectUrl(Map.of("preset", "aws", "region", "eu-west-3")));
        assertTrue(S3Settings.from(settings(Map.of("preset", "aws"))).capabilities().atomicConditionalPut());
    }

    @Test
    void minioIsPathStyleOnTheGivenEndpoint() throws Exception {
        assertEquals("https://minio.example.org:9000/patients/scans/a.dcm",
                objectUrl(Map.of("preset", "minio", "endpoint", "https://minio.example.org:9000")));
    }

    @Test
    void pathStyleOverridesThePreset() throws Exception {
        assertEquals("https://cellar-c2.services.clever-cloud.com/patients/scans/a.dcm",
                objectUrl(Map.of("preset", "clever-cloud", "path-style", "true")));
        assertEquals("https://patients.minio.example.org/scans/a.dcm",
                objectUrl(Map.of("preset", "minio", "endpoint", "https://minio.example.org", "path-style", "false")));
    }

    @Test
    void anAddressEndpointIsAlwaysPathStyle() throws Exception {
        assertEquals("http://127.0.0.1:9000/patients/scans/a.dcm",
                objectUrl(Map.of("preset", "clever-cloud", "endpoint", "http://127.0.0.1:9000")));
    }

    @Test
    void selfHostedPresetsNeedAnEndpoint() {
        ConfigException e = assertThrows(ConfigException.class, () -> S3Settings.from(settings(Map.of("preset", "minio"))));
        assertEquals("passerelle.backends.cellar.endpoint", e.key());
        assertThrows(ConfigException.class, () -> S3Settings.from(settings(Map.of())), "the generic default needs one too");
    }

    @Test
    void wrongSettingsNameTheirKey() {
        assertEquals("passerelle.backends.cellar.preset",
                assertThrows(ConfigException.class, () -> S3Settings.from(settings(Map.of("preset", "cellar")))).key());
        assertEquals("passerelle.backends.cellar.part-size", assertThrows(ConfigException.class,
                () -> S3Settings.from(settings(Map.of("preset", "aws", "part-size", "1MiB")))).key());
        assertEquals("passerelle.backends.cellar.conditional-writes", assertThrows(ConfigException.class,
                () -> S3Settings.from(settings(Map.of("preset", "aws", "conditional-writes", "maybe")))).key());
        assertEquals("passerelle.backends.cellar.endpoint", assertThrows(ConfigException.class,
                () -> S3Settings.from(settings(Map.of("endpoint", "s3.example.org")))).key());
        Map<String, String> noSecret = new HashMap<>(Map.of("preset", "aws", "access-key", "AK"));
        assertEquals("passerelle.backends.cellar.secret-key",
                assertThrows(ConfigException.class, () -> S3Settings.from(new BackendSettings("cellar", noSecret))).key());
    }

    @Test
    void secretsComeFromFilesAndNeverShowInToString(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-a-file\n");
        Map<String, String> m = new HashMap<>(Map.of("preset", "aws", "access-key", "AK", "secret-key-file", file.toString()));
        S3Settings s = S3Settings.from(new BackendSettings("cellar", m));
        assertEquals("from-a-file", s.secretKey());
        assertFalse(s.toString().contains("from-a-file"));
    }

    @Test
    void partSizeGrowsWhenThePartCountWouldRunOut() {
        S3Uploader aws = new S3Uploader(null, S3Settings.from(settings(Map.of("preset", "aws"))), null, null, null, null);
        assertEquals(16 << 20, aws.partSizeFor(1L << 30), "1 GiB fits in 64 parts of the default size");
        assertEquals(105 << 20, aws.partSizeFor(1L << 40), "1 TiB in 10,000 parts needs 105 MiB parts");
        S3Uploader scaleway = new S3Uploader(null, S3Settings.from(settings(Map.of("preset", "scaleway"))), null, null, null, null);
        assertEquals(103 << 20, scaleway.partSizeFor(100L << 30), "100 GiB in 1,000 parts needs 103 MiB parts");
    }
}
