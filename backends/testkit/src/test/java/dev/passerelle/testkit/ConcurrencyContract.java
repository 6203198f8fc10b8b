package dev.passerelle.testkit;

import dev.passerelle.api.Conditions;
import dev.passerelle.api.ErrorKind;
import dev.passerelle.api.GetOptions;
import dev.passerelle.api.ObjectContent;
import dev.passerelle.api.PutOptions;
import dev.passerelle.api.PutOutcome;
import dev.passerelle.api.StorageException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent writers: distinct keys all land; writers of one key leave one whole version. */
public interface ConcurrencyContract extends ContractSupport {
    /** Size of each version in the overwrite race. */
    int VERSION_SIZE = 512 * 1024;

    private static <T> List<T> runAll(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(tasks, 5, TimeUnit.MINUTES);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void concurrentPutsOfDistinctKeysAllLand() throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = "par/" + i;
            byte[] data = Kit.bytes(10_000 + i, 100 + i);
            tasks.add(() -> {
                Kit.put(store(), container(), key, data);
                return key;
            });
        }
        runAll(8, tasks);
        assertEquals(40, keysOf(container()).size());
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(Kit.bytes(10_000 + i, 100 + i), Kit.read(store(), container(), "par/" + i));
        }
    }

    @Test
    default void ofConcurrentCreatorsOfOneKeyTheOutcomeNamesExactlyOneCreator() throws Exception {
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<java.util.Optional<Boolean>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            byte[] data = Kit.bytes(VERSION_SIZE / 4, 300 + w);
            tasks.add(() -> {
                start.await();
                PutOutcome outcome = new PutOutcome();
                store().put(container(), "born", new java.io.ByteArrayInputStream(data), data.length,
                        PutOptions.builder().outcome(outcome).build());
                return outcome.created();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<java.util.Optional<Boolean>> outcomes = new ArrayList<>();
        try {
            List<Future<java.util.Optional<Boolean>>> futures = new ArrayList<>();
            for (Callable<java.util.Optional<Boolean>> t : tasks) {
                futures.add(pool.submit(t));
            }
            start.countDown();
            for (Future<java.util.Optional<Boolean>> f : futures) {
                outcomes.add(f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(outcomes.stream().anyMatch(java.util.Optional::isPresent),
                "this backend cannot tell at its commit point whether a put created the key");
        assertTrue(outcomes.stream().allMatch(java.util.Optional::isPresent), "every commit reports: " + outcomes);
        assertEquals(1, outcomes.stream().filter(o -> o.get()).count(), "exactly one creator: " + outcomes);
        PutOutcome again = new PutOutcome();
        Kit.put(store(), container(), "born", Kit.bytes(10, 1));
        store().put(container(), "born", new java.io.ByteArrayInputStream(new byte[3]), 3, PutOptions.builder().outcome(again).build());
        assertEquals(java.util.Optional.of(false), again.created());
    }

    @Test
    default void concurrentOverwritesOfOneKeyLeaveOneWholeVersion() throws Exception {
        int writers = 6;
        Set<String> versions = new HashSet<>();
        for (int w = 0; w < writers; w++) {
            versions.add(Kit.sha256(Kit.bytes(VERSION_SIZE, 200 + w)));
        }
        Kit.put(store(), container(), "race", Kit.bytes(VERSION_SIZE, 200));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> writerTasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            byte[] data = Kit.bytes(VERSION_SIZE, 200 + w);
            writerTasks.add(() -> {
                start.await();
                for (int round = 0; round < 3; round++) {
                    Kit.put(store(), container(), "race", data);
                }
                return null;
            });
        }
        Callable<Void> readerTask = () -> {
            start.countDown();
            while (writing.get()) {
                try (ObjectContent content = store().get(container(), "race", GetOptions.defaults())) {
                    byte[] seen = Kit.readAll(content);
                    assertTrue(versions.contains(Kit.sha256(seen)), "a reader saw a mix of versions");
                    reads.incrementAndGet();
                }
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<Void>> writerFutures = new ArrayList<>();
            for (Callable<Void> t : writerTasks) {
                writerFutures.add(pool.submit(t));
            }
            Future<Void> reader = pool.submit(readerTask);
            for (Future<Void> f : writerFutures) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            reader.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        byte[] last = Kit.read(store(), container(), "race");
        assertEquals(VERSION_SIZE, last.length);
        assertTrue(versions.contains(Kit.sha256(last)), "the final object is one whole version");
        if (caps().storesChecksums()) {
            assertEquals(Kit.sha256(last), store().head(container(), "race", GetOptions.defaults()).passerelleSha256().orElseThrow(),
                    "stored checksum belongs to the stored bytes");
        }
        assertTrue(reads.get() > 0, "the reader ran");
    }

    @Test
    default void racingCreateOnlyPutsHaveExactlyOneWinner() throws Exception {
        requireCapability(caps().conditionalPut() && caps().atomicConditionalPut(), "atomicConditionalPut");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(racers);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            byte[] data = Kit.bytes(100_000, 300 + r);
            int id = r;
            tasks.add(() -> {
                start.countDown();
                start.await();
                try {
                    Kit.put(store(), container(), "once", data, PutOptions.builder().conditions(Conditions.ifNoneMatchAny()).build());
                    return id;
                } catch (StorageException e) {
                    assertTrue(e.kind() == ErrorKind.PRECONDITION_FAILED || e.kind() == ErrorKind.CONFLICT, "loser fails with " + e.getMessage());
                    return -1;
                }
            });
        }
        List<Integer> winners = runAll(racers, tasks).stream().filter(i -> i >= 0).toList();
        assertEquals(1, winners.size(), "exactly one create-only put wins");
        assertArrayEquals(Kit.bytes(100_000, 300 + winners.get(0)), Kit.read(store(), container(), "once"));
    }
}
