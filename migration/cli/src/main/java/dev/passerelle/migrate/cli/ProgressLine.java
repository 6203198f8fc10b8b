package dev.passerelle.migrate.cli;

import dev.passerelle.migrate.Progress;
import dev.passerelle.migrate.report.Summary;

import java.time.Duration;
import java.util.Locale;

/** Draws a {@link ProgressModel.Snapshot} as one line: with bars filling a given width, or plain text for logs. */
final class ProgressLine {
    /** The width used when the terminal's is unknown. */
    static final int DEFAULT_WIDTH = 80;
    private static final int MIN_BAR = 6;

    private ProgressLine() {
    }

    /**
     * @param task the command (copy, verify, plan)
     * @param s what to show
     * @param width the terminal's width in columns; the line is at most {@code width - 1} long (no wrap)
     * @return the line, bars sharing what the text leaves of the width
     */
    static String bar(String task, ProgressModel.Snapshot s, int width) {
        int max = Math.max(20, width) - 1;
        String tail = tail(s);
        int bars = s.phases().size();
        String[] labels = new String[bars];
        int text = bars == 0 ? task.length() + 2 + tail.length() : tail.length();
        for (int i = 0; i < bars; i++) {
            ProgressModel.PhaseView v = s.phases().get(i);
            labels[i] = String.format(Locale.ROOT, " %3d%% %s", (int) Math.floor(v.fraction() * 100), pair(v.value(), v.total(), s.listed()));
            text += name(v.phase()).length() + 3 + labels[i].length() + 2;
        }
        int room = bars == 0 ? 0 : (max - text) / bars;
        StringBuilder line = new StringBuilder();
        if (bars == 0) {
            line.append(task).append("  ");
        }
        for (int i = 0; i < bars; i++) {
            ProgressModel.PhaseView v = s.phases().get(i);
            line.append(name(v.phase()));
            if (room >= MIN_BAR) {
                line.append(" [").append(fill(v.fraction(), room)).append(']');
            }
            line.append(labels[i]).append("  ");
        }
        line.append(tail);
        return line.length() > max ? line.substring(0, max) : line.toString();
    }

    /** @return the plain line for logs and pipes */
    static String plain(String task, ProgressModel.Snapshot s) {
        StringBuilder line = new StringBuilder(task).append(':');
        for (ProgressModel.PhaseView v : s.phases()) {
            line.append(String.format(Locale.ROOT, " %s %d%% %s,", name(v.phase()), (int) Math.floor(v.fraction() * 100),
                    pair(v.value(), v.total(), s.listed())));
        }
        return line.append(' ').append(tail(s)).toString();
    }

    /** @return {@code 60.7/113.8 MiB}: both in the total's unit ({@code +} while the listing goes on) */
    static String pair(long value, long total, boolean listed) {
        String t = Summary.bytes(total);
        int space = t.indexOf(' ');
        String unit = t.substring(space + 1);
        double scale = switch (unit) {
            case "KiB" -> 1024.0;
            case "MiB" -> 1024.0 * 1024;
            case "GiB" -> 1024.0 * 1024 * 1024;
            case "TiB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1;
        };
        String v = scale == 1 ? Long.toString(value) : String.format(Locale.ROOT, "%.1f", value / scale);
        return v + "/" + t.substring(0, space) + (listed ? "" : "+") + " " + unit;
    }

    private static String tail(ProgressModel.Snapshot s) {
        StringBuilder t = new StringBuilder();
        t.append(s.done()).append('/').append(s.found()).append(s.listed() ? "" : "+").append(" objects");
        if (!s.phases().isEmpty()) {
            t.append(", ").append(Summary.bytes((long) s.bytesPerSecond())).append("/s");
        }
        if (s.etaSeconds() >= 0) {
            t.append(", ETA ").append(Summary.duration(Duration.ofSeconds(s.etaSeconds())));
        }
        if (s.failed() > 0) {
            t.append(", ").append(s.failed()).append(" failed");
        }
        return t.toString();
    }

    private static String name(Progress.Phase p) {
        return p == Progress.Phase.COPY ? "copy" : "verify";
    }

    private static String fill(double fraction, int width) {
        int full = (int) Math.floor(fraction * width);
        StringBuilder b = new StringBuilder(width);
        for (int i = 0; i < width; i++) {
            b.append(i < full ? '=' : i == full ? '>' : ' ');
        }
        if (full >= width) {
            b.setLength(0);
            b.append("=".repeat(width));
        }
        return b.toString();
    }
}
