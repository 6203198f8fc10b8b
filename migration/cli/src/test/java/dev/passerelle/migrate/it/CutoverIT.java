package dev.passerelle.migrate.it;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit runbook end to end, gateway and CLI as real processes: copy while the application keeps
 * writing through the gateway -> bucket read-only -> final incremental copy -> verify exits 0 ->
 * route the bucket to the new backend -> the application reads everything through the same API.
 */
class CutoverIT {
    @TempDir
    Path tmp;

    @Test
    void exitRunbook() throws Exception {
        Path gwDir = tmp.resolve("gateway");
        Files.createDirectories(gwDir);
        Map<String, String> conf = new java.util.HashMap<>();
        conf.put("passerelle.state-dir", tmp.resolve("gw-state").toString());
        conf.put("passerelle.backends.old.type", "filesystem");
        conf.put("passerelle.backends.old.root", tmp.resolve("fs-old").toString());
        conf.put("passerelle.backends.new.type", "filesystem");
        conf.put("passerelle.backends.new.root", tmp.resolve("fs-new").toString());
        conf.put("passerelle.default-backend", "old");
        conf.put("passerelle.buckets.patients.backend", "old");
        Files.createDirectories(tmp.resolve("fs-old"));
        Files.createDirectories(tmp.resolve("fs-new"));
        // the CLI reads the same backend configuration
        Fixture cli = new Fixture(tmp.resolve("cli"));
        Files.createDirectories(cli.dir);
        conf.forEach(cli::set);
        cli.set("passerelle.state-dir", tmp.resolve("cli-state").toString());
        cli.write();
        cli.close();

        Map<String, byte[]> written = new ConcurrentHashMap<>();
        try (Gateway gw = new Gateway(gwDir, conf)) {
            gw.start();
            assertEquals(201, gw.send("PUT", "/api/v1/buckets/patients", null).statusCode());
            for (int i = 0; i < 60; i++) {
                put(gw, written, "records/" + i + " é.json", Fixture.random(5000 + i, i));
            }
            // the application keeps writing (new objects and one hot object rewritten) during the first copy
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger n = new AtomicInteger(1000);
            Thread app = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        int i = n.incrementAndGet();
                        put(gw, written, "live/" + i, Fixture.random(3000, i));
                        put(gw, written, "hot", Fixture.random(4000, i));
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            app.start();
            Path first = tmp.resolve("first.json");
            Cli.Result c1 = Cli.run(cli.dir, cli.args("copy", "--from", "old:patients", "--to", "new:patients", "--report", first.toString(), "--quiet"));
            stop.set(true);
            app.join();
            assertTrue(c1.exit() == 0 || c1.exit() == 1, c1.toString());
            Map<String, ObjectResult> r1 = Fixture.objects(first);
            assertTrue(r1.values().stream().noneMatch(o -> o.status() == Status.FAILED), "only CHANGED objects may be reported: " + c1);

            // read-only: the gateway refuses writes to the bucket
            gw.stop();
            gw.set("passerelle.buckets.patients.read-only", "true");
            gw.start();
            assertEquals(403, gw.send("PUT", "/api/v1/buckets/patients/objects/late", new byte[] {1}).statusCode());

            Path last = tmp.resolve("final.json");
            Cli.Result c2 = Cli.run(cli.dir, cli.args("copy", "--from", "old:patients", "--to", "new:patients", "--report", last.toString(), "--quiet"));
            assertEquals(0, c2.exit(), c2.toString());
            Map<String, ObjectResult> r2 = Fixture.objects(last);
            assertEquals(written.keySet(), new TreeMap<>(r2).keySet());
            for (ObjectResult o : r1.values()) {
                if (o.status() == Status.COPIED && !o.key().equals("hot")) {
                    assertEquals(Status.IDENTICAL, r2.get(o.key()).status(), "copied once, not again: " + o.key());
                }
            }
            assertTrue(r2.values().stream().anyMatch(o -> o.status() == Status.COPIED), "the final pass copied what changed");

            Cli.Result v = Cli.run(cli.dir, cli.args("verify", "--from", "old:patients", "--to", "new:patients", "--deep", "--quiet"));
            assertEquals(0, v.exit(), v.toString());

            // switch the route; the application reads everything through the same API
            gw.stop();
            gw.set("passerelle.buckets.patients.read-only", "false");
            gw.set("passerelle.buckets.patients.backend", "new");
            gw.start();
            for (Map.Entry<String, byte[]> e : written.entrySet()) {
                HttpResponse<byte[]> r = gw.send("GET", "/api/v1/buckets/patients/objects/" + enc(e.getKey()), null);
                assertEquals(200, r.statusCode(), e.getKey());
                assertArrayEquals(e.getValue(), r.body(), e.getKey());
            }
            assertEquals(201, gw.send("PUT", "/api/v1/buckets/patients/objects/after-cutover", new byte[] {1}).statusCode());
            assertTrue(Files.walk(tmp.resolve("fs-new")).anyMatch(p -> p.getFileName().toString().contains("after-cutover")),
                    "new writes land on the new backend");
        }
    }

    private static void put(Gateway gw, Map<String, byte[]> written, String key, byte[] body) throws Exception {
        HttpResponse<byte[]> r = gw.send("PUT", "/api/v1/buckets/patients/objects/" + enc(key), body);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, key + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        written.put(key, body);
    }

    private static String enc(String key) {
        StringBuilder sb = new StringBuilder();
        for (String seg : key.split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }
}
