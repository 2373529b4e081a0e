package dev.probe.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether a standard stream is a terminal. Java has no {@code isatty}: on Linux the stream's file descriptor link
 * under {@code /proc/self/fd} names the file it is open on, and a terminal is {@code /dev/pts/N}, {@code /dev/ttyX} or
 * {@code /dev/console}. Where there is no such link (macOS, Windows) the answer is whether there is a
 * {@link System#console() console}.
 */
final class Terminal {
    /** The link to the file stderr is open on, on Linux. */
    static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** Whether stderr is a terminal. */
    static boolean stderrIsTerminal() {
        return isTerminal(STDERR_LINK, Terminal::hasConsole);
    }

    /**
     * Whether the file descriptor link {@code fdLink} points to a terminal device.
     *
     * @param fallback the answer when {@code fdLink} does not exist or is not a symbolic link (no {@code /proc})
     */
    static boolean isTerminal(Path fdLink, BooleanSupplier fallback) {
        Path target;
        try {
            target = Files.readSymbolicLink(fdLink);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fallback.getAsBoolean();
        }
        Path resolved = fdLink.resolveSibling(target);
        if (Files.isSymbolicLink(resolved)) { // /proc names the final file; a hand-made link may point to another link
            try {
                target = resolved.toRealPath();
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return isTerminalDevice(target.toString());
    }

    /** Whether {@code path}, as a {@code /proc/self/fd} link reads, names a terminal (not pipe:[N], a file, /dev/null). */
    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }

    /**
     * Whether there is a console: {@code System.console() != null}; on Java 22 and newer, where a console is returned
     * even when the streams are redirected, also {@code Console.isTerminal()}.
     */
    private static boolean hasConsole() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 17 to 21: a console means stdin and stdout are terminals
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
