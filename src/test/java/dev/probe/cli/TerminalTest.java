package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Terminal}: file descriptor links as /proc shows them, mimicked with symbolic links in a temp folder. */
class TerminalTest {
    @TempDir
    Path tmp;

    /** Deletes the links here: JUnit warns about each link that points outside its temp folder. */
    @AfterEach
    void deleteLinks() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        }
    }

    @Test
    void linksToTerminalDevicesAreTerminals() throws Exception {
        for (String device : new String[] {"/dev/pts/0", "/dev/pts/17", "/dev/tty", "/dev/tty1", "/dev/ttyS0",
            "/dev/console"}) {
            Path link = Files.createSymbolicLink(tmp.resolve("fd-" + device.replace('/', '_')), Path.of(device));
            assertThat(Terminal.isTerminal(link, () -> false)).as(device).isTrue();
        }
    }

    @Test
    void linksToDevNullFilesPipesAndSocketsAreNot() throws Exception {
        Path file = Files.writeString(tmp.resolve("log.txt"), "");
        Path[] targets = {Path.of("/dev/null"), file, Path.of("pipe:[123456]"), Path.of("socket:[7890]"),
            Path.of("/tmp/err.log (deleted)"), Path.of("/home/u/dev/pts/0")};
        for (int i = 0; i < targets.length; i++) {
            Path link = Files.createSymbolicLink(tmp.resolve("fd" + i), targets[i]);
            assertThat(Terminal.isTerminal(link, () -> true)).as(targets[i].toString()).isFalse();
        }
    }

    @Test
    void aLinkToALinkIsFollowedToItsEnd() throws Exception {
        Path file = Files.writeString(tmp.resolve("log.txt"), "");
        Path viaFile = Files.createSymbolicLink(tmp.resolve("via-file"), file);
        assertThat(Terminal.isTerminal(Files.createSymbolicLink(tmp.resolve("fd-a"), viaFile), () -> true)).isFalse();
        // /dev/null exists everywhere this test runs; its real path is itself
        Path viaNull = Files.createSymbolicLink(tmp.resolve("via-null"), Path.of("/dev/null"));
        assertThat(Terminal.isTerminal(Files.createSymbolicLink(tmp.resolve("fd-b"), viaNull), () -> true)).isFalse();
    }

    @Test
    void withoutALinkTheFallbackDecides() throws Exception {
        Path missing = tmp.resolve("no-proc/self/fd/2");
        assertThat(Terminal.isTerminal(missing, () -> true)).isTrue();
        assertThat(Terminal.isTerminal(missing, () -> false)).isFalse();
        Path notALink = Files.writeString(tmp.resolve("plain"), "");
        assertThat(Terminal.isTerminal(notALink, () -> true)).isTrue();
        assertThat(Terminal.isTerminal(notALink, () -> false)).isFalse();
    }

    @Test
    void theTestsOwnStderrIsNotATerminalWhenRedirectedToAFile() throws Exception {
        // surefire runs tests with stderr on a pipe or a file, never on a terminal
        assumeThat(Files.isSymbolicLink(Terminal.STDERR_LINK)).as("Linux /proc").isTrue();
        assertThat(Terminal.stderrIsTerminal()).as(Files.readSymbolicLink(Terminal.STDERR_LINK).toString()).isFalse();
    }
}
