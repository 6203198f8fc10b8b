package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.ObjectResult;
import dev.passerelle.migrate.Progress;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Progress displays over a {@link ProgressModel}: one line redrawn in place with a bar per phase
 * (copy, verify) filling the terminal's width when stderr is a terminal; otherwise one plain line
 * every few seconds; nothing when quiet.
 */
public final class Progresses {
    private Progresses() {
    }

    /**
     * @param task the task name (copy, verify, plan, dry-run)
     * @param phases the phases shown and how often each reads the listed bytes ({@link ProgressModel#phasesOf})
     * @param quiet no display at all
     * @param tty whether stderr is a terminal
     * @param intervalSeconds seconds between plain lines
     * @return the display
     */
    static Progress create(String task, Map<Progress.Phase, Integer> phases, boolean quiet, boolean tty, long intervalSeconds) {
        if (quiet) {
            return Progress.NONE;
        }
        ProgressModel model = new ProgressModel(phases, System.nanoTime());
        if (tty) {
            TerminalWidth width = new TerminalWidth();
            return new Display(task, model, System.err, 200, TimeUnit.MILLISECONDS, true, width, width::close);
        }
        long every = Math.max(1, intervalSeconds);
        return new Display(task, model, System.err, every, TimeUnit.SECONDS, false, () -> ProgressLine.DEFAULT_WIDTH, () -> { });
    }

    /** Draws the model on a timer: in place with bars ({@code inPlace}), or as plain lines. */
    static final class Display implements Progress {
        private final String task;
        private final ProgressModel model;
        private final PrintStream out;
        private final boolean inPlace;
        private final IntSupplier width;
        private final Runnable onClose;
        private final ScheduledExecutorService ticker;
        private int lastLength;

        Display(String task, ProgressModel model, PrintStream out, long every, TimeUnit unit, boolean inPlace, IntSupplier width, Runnable onClose) {
            this.task = task;
            this.model = model;
            this.out = out;
            this.inPlace = inPlace;
            this.width = width;
            this.onClose = onClose;
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::draw, every, every, unit);
        }

        private synchronized void draw() {
            ProgressModel.Snapshot s = model.snapshot(System.nanoTime());
            if (!inPlace) {
                out.println(ProgressLine.plain(task, s));
                return;
            }
            String line = ProgressLine.bar(task, s, width.getAsInt());
            // pad over what the previous frame drew, without escape sequences
            out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
        }

        @Override
        public void discovered(long sourceSize) {
            model.discovered(sourceSize);
        }

        @Override
        public void moved(Phase phase, long delta) {
            model.moved(phase, delta);
        }

        @Override
        public void finished(ObjectResult result, long copied, long verified) {
            model.finished(result, copied, verified);
        }

        @Override
        public void listingDone() {
            model.listingDone();
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (inPlace) {
                draw();
                out.println();
            }
            onClose.run();
        }
    }

    /** The terminal's width (jline), followed on resize; {@link ProgressLine#DEFAULT_WIDTH} when unknown. */
    static final class TerminalWidth implements IntSupplier {
        private final Terminal terminal;
        private volatile int width = ProgressLine.DEFAULT_WIDTH;

        TerminalWidth() {
            Terminal t = null;
            try {
                t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr).dumb(true).build();
                read(t);
                Terminal resized = t;
                t.handle(Terminal.Signal.WINCH, sig -> read(resized));
            } catch (java.io.IOException | RuntimeException e) {
                // no terminal to ask: the default width
            }
            terminal = t;
        }

        private void read(Terminal t) {
            int w = t.getWidth();
            width = w > 0 ? w : ProgressLine.DEFAULT_WIDTH;
        }

        @Override
        public int getAsInt() {
            return width;
        }

        void close() {
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (java.io.IOException ignored) {
                    // closing at exit
                }
            }
        }
    }
}
