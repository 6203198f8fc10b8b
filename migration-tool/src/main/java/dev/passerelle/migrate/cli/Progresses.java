package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Progress;
import dev.passerelle.migrate.Status;
import dev.passerelle.migrate.report.Summary;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Progress displays: a bar on a terminal, periodic plain lines otherwise, nothing when quiet. */
public final class Progresses {
    private Progresses() {
    }

    /**
     * @param task the task name (copy, verify, plan)
     * @param quiet no display at all
     * @param tty whether stderr is a terminal
     * @param intervalSeconds seconds between plain lines
     * @return the display
     */
    public static Progress create(String task, boolean quiet, boolean tty, long intervalSeconds) {
        if (quiet) {
            return Progress.NONE;
        }
        return tty ? new Bar(task) : new Lines(task, System.err, intervalSeconds);
    }

    /** Counters shared by both displays. */
    private abstract static class Counting implements Progress {
        final AtomicLong found = new AtomicLong();
        final AtomicLong foundBytes = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        final AtomicLong moved = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile boolean listed;

        @Override
        public void discovered(long size) {
            found.incrementAndGet();
            foundBytes.addAndGet(size);
        }

        @Override
        public void bytes(long delta) {
            moved.addAndGet(delta);
        }

        @Override
        public void finished(ObjectResult r) {
            done.incrementAndGet();
            if (r.status() == Status.FAILED || r.status() == Status.CHANGED) {
                failed.incrementAndGet();
            }
        }

        @Override
        public void listingDone() {
            listed = true;
        }

        String objects() {
            return done.get() + "/" + found.get() + (listed ? "" : "+") + " objects";
        }
    }

    /** A progress bar (me.tongfei.progressbar) in MiB moved, with objects and failures as extra text. */
    private static final class Bar extends Counting {
        private final ProgressBar bar;
        private final ScheduledExecutorService ticker;

        Bar(String task) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" MiB", 1 << 20).showSpeed()
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::refresh, 200, 200, TimeUnit.MILLISECONDS);
        }

        private void refresh() {
            bar.maxHint(listed ? Math.max(foundBytes.get(), moved.get()) : -1);
            bar.stepTo(Math.max(0, moved.get()));
            bar.setExtraMessage(" " + objects() + (failed.get() > 0 ? ", " + failed.get() + " failed" : ""));
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            refresh();
            bar.close();
        }
    }

    /** Plain lines every few seconds, for logs and pipes. */
    private static final class Lines extends Counting {
        private final PrintStream out;
        private final ScheduledExecutorService ticker;
        private final long start = System.nanoTime();
        private final String task;

        Lines(String task, PrintStream out, long intervalSeconds) {
            this.task = task;
            this.out = out;
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, intervalSeconds);
            ticker.scheduleAtFixedRate(this::line, every, every, TimeUnit.SECONDS);
        }

        private void line() {
            double secs = (System.nanoTime() - start) / 1e9;
            long m = moved.get();
            double rate = secs > 0 ? m / secs : 0;
            String eta = "";
            if (listed && rate > 0 && foundBytes.get() > m) {
                eta = String.format(Locale.ROOT, ", ETA %ds", (long) ((foundBytes.get() - m) / rate));
            }
            out.printf(Locale.ROOT, "%s: %s, %s moved, %s/s%s, %d failed%n", task, objects(), Summary.bytes(m), Summary.bytes((long) rate), eta, failed.get());
        }

        @Override
        public void close() {
            ticker.shutdownNow();
        }
    }
}
