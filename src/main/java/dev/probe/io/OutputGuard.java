package dev.probe.io;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides, before anything is read or written, whether a command may write its output at {@code --out}.
 *
 * <p>Never: a file system root, the working directory or a folder above it, an input of the same command or a folder
 * holding one. An existing output is replaced only with {@code --force}, and only when it is an output of the same
 * {@link OutputKind} that this tool wrote (recognised by its marker file), or an empty folder; a symbolic link, a
 * plain file or a foreign folder is refused, naming the reason. A refusal is a {@link ProbeException} naming the output.
 */
public final class OutputGuard {
    /** The comment every comparison page carries: {@code --force} replaces a page (and its charts) only with it. */
    public static final String PAGE_MARKER = "<!-- probe compare: comparison page -->";
    private static final long MAX_PAGE_BYTES = 256L << 20;

    private OutputGuard() {
    }

    /**
     * Checks that {@code target} may be written.
     *
     * @param target the output path as given
     * @param kind what will be written there
     * @param force whether the user allowed replacing an existing output
     * @param inputs the command's inputs (files or folders; missing ones and {@code null}s are ignored)
     * @throws ProbeException naming {@code target} and saying why it may not be written
     */
    public static void check(Path target, OutputKind kind, boolean force, Collection<Path> inputs)
            throws ProbeException {
        Objects.requireNonNull(kind, "kind");
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null || absolute.getFileName() == null) {
            throw new ProbeException(target, "cannot write to a file system root");
        }
        Path real = realLocation(absolute);
        Path cwd = realLocation(Path.of("").toAbsolutePath());
        if (cwd.startsWith(real)) {
            throw new ProbeException(target, "is the working directory or a folder above it; probe never writes over"
                    + " it: choose a new " + (kind.isFolder() ? "folder" : "file"));
        }
        for (Path input : inputs) {
            if (input == null) {
                continue;
            }
            Path in = realLocation(input.toAbsolutePath().normalize());
            if (in.startsWith(real)) {
                throw new ProbeException(target, (in.equals(real) ? "is" : "holds") + " an input of this command ("
                        + input + "); choose another output");
            }
        }
        if (kind.isFolder()) {
            checkFolder(target, absolute, kind, force);
        } else if (kind == OutputKind.COMPARISON_PAGE) {
            checkPageFile(absolute, absolute, force);
        } else {
            checkFile(target, absolute, force, kind);
            checkFile(target, comparisonJson(absolute), force, kind);
        }
    }

    /**
     * Checks that a comparison page and the files written beside it (its charts) may be written: {@code page} as
     * {@link #check} does for {@link OutputKind#COMPARISON_PAGE}, then each companion. An existing file is replaced
     * only with {@code force}, and only when it is a regular file and the page beside it carries {@link #PAGE_MARKER}.
     *
     * @throws ProbeException naming the file that may not be written, and why
     */
    public static void checkPage(Path page, Collection<Path> companions, boolean force, Collection<Path> inputs)
            throws ProbeException {
        check(page, OutputKind.COMPARISON_PAGE, force, inputs);
        Path absolute = page.toAbsolutePath().normalize();
        for (Path companion : companions) {
            checkPageFile(companion.toAbsolutePath().normalize(), absolute, force);
        }
    }

    /** Whether {@code page} is a comparison page this tool wrote: a regular file (not a link) holding the marker. */
    public static boolean isPage(Path page) {
        try {
            if (!Files.isRegularFile(page, LinkOption.NOFOLLOW_LINKS) || Files.size(page) > MAX_PAGE_BYTES) {
                return false;
            }
            return Files.readString(page, java.nio.charset.StandardCharsets.UTF_8).contains(PAGE_MARKER);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void checkPageFile(Path file, Path page, boolean force) throws ProbeException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!force) {
            throw new ProbeException(file, "already exists; use --force to replace it");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProbeException(file, "is not a regular file; --force replaces only "
                    + OutputKind.COMPARISON_PAGE.description());
        }
        if (!isPage(page)) {
            throw new ProbeException(file, "was not written by probe compare (" + page.getFileName()
                    + " is missing or is not a comparison page); --force replaces only "
                    + OutputKind.COMPARISON_PAGE.description());
        }
    }

    /** {@code FILE.md} → {@code FILE.json}; any other name gets {@code .json} appended. */
    public static Path comparisonJson(Path markdown) {
        String name = markdown.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(base + ".json");
    }

    /** Whether an existing folder may be replaced by an output of {@code kind} (see the class comment). */
    static void checkReplaceable(Path target, Path absolute, OutputKind kind) throws ProbeException {
        if (Files.isSymbolicLink(absolute)) {
            throw new ProbeException(target, "is a symbolic link; --force replaces only " + kind.description()
                    + " written by probe");
        }
        if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProbeException(target, "is a file, not " + kind.description() + "; --force replaces only "
                    + kind.description() + " written by probe");
        }
        if (kind.isMarker(absolute.resolve(kind.marker())) || isEmptyFolder(absolute)) {
            return;
        }
        Optional<OutputKind> other = OutputKind.ofFolder(absolute);
        String what = other.isPresent() ? "is " + other.get().description() + ", not " + kind.description()
                : "is not " + kind.description() + " written by probe (no valid " + kind.marker() + ")";
        throw new ProbeException(target, what + "; --force replaces only " + kind.description()
                + " written by probe: remove it yourself or choose another output");
    }

    private static void checkFolder(Path target, Path absolute, OutputKind kind, boolean force) throws ProbeException {
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!force) {
            throw new ProbeException(target, "already exists; use --force to replace it");
        }
        checkReplaceable(target, absolute, kind);
    }

    private static void checkFile(Path target, Path file, boolean force, OutputKind kind) throws ProbeException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!force) {
            throw new ProbeException(file, "already exists; use --force to replace it");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProbeException(file, "is not a regular file; --force replaces only " + kind.description());
        }
        Path json = comparisonJson(target.toAbsolutePath().normalize());
        if (!kind.isMarker(json)) {
            throw new ProbeException(file, "was not written by probe compare (" + json.getFileName()
                    + " is missing or is not a comparison); --force replaces only " + kind.description());
        }
    }

    /** Whether a folder exists and is empty. */
    static boolean isEmptyFolder(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Where a path really is: its real path when it exists, else the real path of its nearest existing ancestor with the
     * remaining names appended.
     */
    static Path realLocation(Path absolute) {
        Path existing = absolute;
        Path rest = null;
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                return rest == null ? real : real.resolve(rest);
            } catch (IOException e) {
                Path name = existing.getFileName();
                if (name == null) {
                    break;
                }
                rest = rest == null ? name : name.resolve(rest);
                existing = existing.getParent();
            }
        }
        return absolute;
    }
}
