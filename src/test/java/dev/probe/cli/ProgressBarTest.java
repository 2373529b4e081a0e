package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void wantedOnlyOnATerminalWithoutQuietOrDumbTerm() {
        assertThat(ProgressBar.wanted(false, "xterm-256color", () -> true)).isTrue();
        assertThat(ProgressBar.wanted(false, null, () -> true)).isTrue();
        assertThat(ProgressBar.wanted(false, "xterm", () -> false)).as("stderr redirected").isFalse();
        assertThat(ProgressBar.wanted(true, "xterm", () -> true)).as("--quiet").isFalse();
        assertThat(ProgressBar.wanted(false, "dumb", () -> true)).as("TERM=dumb").isFalse();
    }

    @Test
    void quietOrDumbTermNeverLooksAtStderr() {
        AtomicInteger asked = new AtomicInteger();
        ProgressBar.wanted(true, "xterm", () -> asked.incrementAndGet() > 0);
        ProgressBar.wanted(false, "dumb", () -> asked.incrementAndGet() > 0);
        assertThat(asked).hasValue(0);
    }

    @Test
    void quietOptionDisablesIt() {
        LoggingOptions logging = new LoggingOptions();
        logging.quiet = true;
        assertThat(ProgressBar.wanted(logging)).isFalse();
    }

    @Test
    void disabledBarWritesNothing() {
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "words", 10, false)) {
            bar.advance(4);
            bar.moveTo(10);
        }
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void enabledBarDrawsTheEndAndClearsItsLine() {
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "words", 10, true)) {
            bar.moveTo(10);
        }
        assertThat(text.toString()).startsWith("\r[" + "#".repeat(30) + "] 100% 10/10 words")
                .endsWith("\r" + " ".repeat(100) + "\r");
    }
}
