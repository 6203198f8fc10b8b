package dev.passerelle.signing.sharedkey;

import com.azure.storage.common.StorageSharedKeyCredential;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared Key against the Storage REST API's published examples ("Authorize with Shared Key": the
 * canonicalized resource and string-to-sign examples, reproduced in src/test/resources/sharedkey) and
 * against the Azure SDK for Java's own signer (azure-storage-common's StorageSharedKeyCredential, an
 * independent implementation) over requests like the ones the backend sends; then verification.
 */
class SharedKeyTest {
    /** Azurite's well-known development account key (public, documented by Microsoft). */
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    @Test
    void canonicalizedResourcesOfTheRestDocumentation() {
        assertEquals("/myaccount/mycontainer\ncomp:metadata\nrestype:container",
                SharedKey.canonicalizedResource("myaccount", "/mycontainer", "restype=container&comp=metadata"));
        assertEquals("/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container",
                SharedKey.canonicalizedResource("myaccount", "/mycontainer",
                        "restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs"));
        assertEquals("/myaccount/mycontainer/myblob", SharedKey.canonicalizedResource("myaccount", "/mycontainer/myblob", null));
    }

    @Test
    void stringToSignOfTheRestDocumentation() {
        // "Constructing the signature string": Get Container Metadata with timeout=20, x-ms-date and x-ms-version only
        Map<String, String> headers = Map.of("x-ms-date", "Sun, 11 Oct 2009 21:49:13 GMT", "x-ms-version", "2009-09-19");
        String expected = "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 11 Oct 2009 21:49:13 GMT\nx-ms-version:2009-09-19\n"
                + "/myaccount/myaccount/mycontainer\ncomp:metadata\nrestype:container\ntimeout:20";
        assertEquals(expected, SharedKey.stringToSign("GET", headers,
                SharedKey.canonicalizedResource("myaccount", "/myaccount/mycontainer", "restype=container&comp=metadata&timeout=20")));
    }

    @Test
    void signsAsTheAzureSdkSigns() throws Exception {
        SharedKey ours = new SharedKey("devstoreaccount1", Base64.getDecoder().decode(KEY));
        StorageSharedKeyCredential sdk = new StorageSharedKeyCredential("devstoreaccount1", KEY);
        String base = "http://127.0.0.1:10000/devstoreaccount1";
        // a Put Blob as the backend sends it: metadata names whose order differs between byte order and the SDK's collator
        Map<String, String> put = new LinkedHashMap<>();
        put.put("Content-Type", "text/plain; charset=utf-8");
        put.put("Content-Length", "11");
        put.put("Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww==");
        put.put("x-ms-blob-type", "BlockBlob");
        put.put("x-ms-blob-content-md5", "XrY7u+Ae7tCTyyK7j1rNww==");
        put.put("x-ms-meta-a_b", "1");
        put.put("x-ms-meta-a-b", "2");
        put.put("x-ms-meta-ab", "3");
        put.put("x-ms-meta-A1", "4");
        put.put("If-None-Match", "*");
        put.put("x-ms-date", "Thu, 03 Dec 2026 10:15:00 GMT");
        put.put("x-ms-version", "2025-11-05");
        same(ours, sdk, "PUT", base, "/c1/a%20b/%C3%A9t%C3%A9.txt", null, put);
        // a ranged Get Blob pinned to an ETag, and a Put Block with a query
        // (the SDK's pipeline always sets Content-Length, 0 for a GET; called alone without one it signs the word "null")
        Map<String, String> get = new LinkedHashMap<>();
        get.put("Content-Length", "0");
        get.put("x-ms-range", "bytes=5-");
        get.put("If-Match", "\"0x8D0000000000001\"");
        get.put("x-ms-date", "Thu, 03 Dec 2026 10:15:00 GMT");
        get.put("x-ms-version", "2025-11-05");
        same(ours, sdk, "GET", base, "/c1/k", null, get);
        Map<String, String> block = new LinkedHashMap<>(get);
        block.remove("x-ms-range");
        block.remove("If-Match");
        same(ours, sdk, "PUT", base, "/c1/k", "comp=block&blockid=QUFBQQ%3D%3D", block);
        same(ours, sdk, "GET", base, "/c1", "restype=container&comp=list&prefix=a%2Fb&include=metadata", get);
    }

    private static void same(SharedKey ours, StorageSharedKeyCredential sdk, String method, String base, String path, String query,
                             Map<String, String> headers) throws Exception {
        URL url = URI.create(base + path + (query == null ? "" : "?" + query)).toURL();
        String rawPath = url.getPath();
        assertEquals(sdk.generateAuthorizationHeader(url, method, headers), ours.authorization(method, rawPath, query, headers),
                method + " " + path + (query == null ? "" : "?" + query));
    }

    @Test
    void verifiesWhatItSignsInConstantTimeAndRefusesAnyChange() {
        SharedKey key = new SharedKey("devstoreaccount1", Base64.getDecoder().decode(KEY));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Length", "3");
        h.put("x-ms-date", "Thu, 03 Dec 2026 10:15:00 GMT");
        h.put("x-ms-version", "2025-11-05");
        h.put("x-ms-meta-m", "v");
        String path = "/devstoreaccount1/c1/k";
        h.put("Authorization", key.authorization("PUT", path, null, h));
        assertTrue(key.verify("PUT", path, null, h));
        assertFalse(key.verify("GET", path, null, h), "another method");
        assertFalse(key.verify("PUT", path + "2", null, h), "another blob");
        assertFalse(key.verify("PUT", path, "comp=block", h), "another query");
        Map<String, String> changed = new LinkedHashMap<>(h);
        changed.put("x-ms-meta-m", "w");
        assertFalse(key.verify("PUT", path, null, changed), "another metadata value");
        assertFalse(new SharedKey("devstoreaccount1", new byte[] {1, 2, 3}).verify("PUT", path, null, h), "another key");
        assertFalse(new SharedKey("other", Base64.getDecoder().decode(KEY)).verify("PUT", path, null, h), "another account");
        changed = new LinkedHashMap<>(h);
        changed.remove("Authorization");
        assertFalse(key.verify("PUT", path, null, changed), "no Authorization");
    }
}
