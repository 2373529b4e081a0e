package dev.probe.cli;

import dev.probe.rank.Ranker;
import java.io.PrintWriter;
import java.util.Locale;

/** Stage lines on stderr (unless quiet), warnings always, and a greedy method's steps as a bar on a terminal. */
final class StageLines implements Ranker.Listener {
    private final PrintWriter err;
    private final boolean chatty;
    private final ProgressBar bar;
    private final boolean barShown;
    private final long start = System.nanoTime();
    private boolean started;

    StageLines(PrintWriter err, boolean chatty, ProgressBar bar, boolean barShown) {
        this.err = err;
        this.chatty = chatty;
        this.bar = bar;
        this.barShown = barShown;
    }

    @Override
    public void stage(String line) {
        if (started) { // the steps are over: clear the bar's line
            bar.close();
            started = false;
        }
        if (chatty) {
            err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, line);
            err.flush();
        }
    }

    @Override
    public void warning(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void step(int done, int total, String detail) {
        if (!barShown) {
            stage(detail);
            return;
        }
        if (!started) {
            bar.start(total);
            started = true;
        }
        bar.moveTo(done);
    }
}
