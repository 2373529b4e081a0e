package dev.probe;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A problem with the user's input: a corpus, a model checkpoint, an activation store or a command-line value.
 *
 * <p>Its message is one line meant for the user and names the file (and line, where there is one), so the CLI can print
 * it as it is and exit with code 2. Programming errors use the JDK's unchecked exceptions instead.
 */
public class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /** A problem that is not tied to a file. */
    public ProbeException(String message) {
        this(null, 0, message, null);
    }

    /** A problem with a whole file. */
    public ProbeException(Path file, String message) {
        this(file, 0, message, null);
    }

    /** A problem with a whole file, caused by a lower-level failure. */
    public ProbeException(Path file, String message, Throwable cause) {
        this(file, 0, message, cause);
    }

    /**
     * A problem at one line of a file.
     *
     * @param file the file, or {@code null}
     * @param line the 1-based line number, or 0 when there is none
     * @param message what is wrong, without the file name (it is prefixed)
     * @param cause the lower-level failure, or {@code null}
     */
    public ProbeException(Path file, long line, String message, Throwable cause) {
        super(format(file, line, message), cause);
        this.file = file;
        this.line = line;
    }

    /** The file the problem is in, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line number, or 0 when there is none. */
    public long line() {
        return line;
    }

    private static String format(Path file, long line, String message) {
        if (file == null) {
            return oneLine(message);
        }
        return oneLine(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
    }

    /**
     * Keeps a message on one line whatever it quotes from the input: line breaks and other control characters (a
     * file name, a tensor name or a dtype may hold them) are written as {@code \n}, {@code \r} or {@code \xHH}.
     */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (!control) {
                    sb.append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\r') {
                    sb.append("\\r");
                } else {
                    sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                }
            }
        }
        return sb == null ? text : sb.toString();
    }
}
