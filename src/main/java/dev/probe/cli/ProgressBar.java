package dev.probe.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A one-line progress bar on stderr with rate and ETA, redrawn at most five times a second. Silent when disabled
 * (quiet, or stderr is not a terminal), so logs and pipes stay clean.
 */
final class ProgressBar implements AutoCloseable {
    private final PrintWriter err;
    private final String unit;
    private long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    ProgressBar(PrintWriter err, String unit, long total, boolean enabled) {
        this.err = err;
        this.unit = unit;
        this.total = total;
        this.enabled = enabled;
    }

    /** A bar whose total is set when the work starts ({@link #start}). */
    static ProgressBar deferred(PrintWriter err, String unit, boolean enabled) {
        return new ProgressBar(err, unit, 0, enabled);
    }

    /** Sets the total, now known, and returns what advances the bar. */
    synchronized dev.probe.activations.Extractor.Progress start(long work) {
        this.total = work;
        return this::advance;
    }

    /** Moves the bar to {@code done} of {@code work}, setting the total on the first call (for row-counting stages). */
    synchronized void rows(long done, long work) {
        if (total != work) {
            total = work;
        }
        moveTo(done);
    }

    /** Enabled unless quiet, {@code TERM=dumb} or stderr (where the bar goes) is not a terminal. */
    static boolean wanted(LoggingOptions logging) {
        return wanted(logging.quiet, System.getenv("TERM"), Terminal::stderrIsTerminal);
    }

    /** The decision of {@link #wanted(LoggingOptions)}; {@code stderrIsTerminal} is asked only when it matters. */
    static boolean wanted(boolean quiet, String term, BooleanSupplier stderrIsTerminal) {
        return !quiet && !"dumb".equals(term) && stderrIsTerminal.getAsBoolean();
    }

    synchronized void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 200_000_000L || done >= total)) {
            lastDraw = now;
            draw(now);
        }
    }

    /** Moves the bar to {@code value} (never backwards). */
    synchronized void moveTo(long value) {
        if (value > done) {
            advance(value - done);
        }
    }

    private void draw(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * 30);
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %d/%d %s  %.0f %s/s  ETA %d:%02d ", "#".repeat(filled),
                " ".repeat(30 - filled), fraction * 100, done, total, unit, rate, unit, eta / 60, eta % 60);
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (enabled && lastDraw != 0) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
