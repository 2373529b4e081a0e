package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.io.AtomicFiles;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.io.OutputLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a {@link Comparison}: {@code FILE.md} and {@code FILE.json} beside it, both or neither. */
public final class ComparisonFiles {
    private ComparisonFiles() {
    }

    /** The comparison as pretty-printed JSON, ending with a newline. */
    public static String json(Comparison c) throws ProbeException {
        try {
            return Json.writer(Comparison.class).writeValueAsString(c) + "\n";
        } catch (IOException e) {
            throw new ProbeException("cannot write the comparison as JSON: " + e.getMessage());
        }
    }

    /**
     * Writes the Markdown to {@code markdown} and the JSON next to it.
     *
     * @param force replace files an earlier comparison wrote (never other files)
     * @param inputs what the comparison read, which the outputs must not name
     */
    public static void write(Comparison c, Path markdown, boolean force, List<Path> inputs) throws ProbeException {
        OutputGuard.check(markdown, OutputKind.COMPARISON, force, inputs);
        OutputLock.checkNotBusy(markdown);
        Path jsonFile = OutputGuard.comparisonJson(markdown);
        try (AtomicFiles files = AtomicFiles.create(List.of(markdown, jsonFile), OutputKind.COMPARISON, force)) {
            write(files.path(markdown), c.markdown());
            write(files.path(jsonFile), json(c));
            files.commit();
        }
    }

    private static void write(Path file, String text) throws ProbeException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
