package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.io.Json;
import dev.probe.report.Comparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe compare RUN_DIR…}: one table of several rankings, with neuron-set overlaps per model. */
@Command(name = "compare",
        description = {"Compare rankings across models and tasks: oracle, minimal set, top / random / bottom 10 %%, "
                + "layers; per model the Jaccard overlap of the tasks' minimal sets and of the classes' top neurons.",
            "A RUN_DIR is a rank output folder (with ranking.json) or any folder above rank outputs: every "
                + "ranking.json up to 4 folder levels below is read. The model is the ranking's input model; the task "
                + "is the name of the folder above the rank folder when that is named 'rank' "
                + "(runs/<model>/<task>/rank/), else the rank folder's own name."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every RUN_DIR yielded at least one readable ranking.json",
            "2:a RUN_DIR is missing or holds no ranking.json, or a ranking.json is unreadable (the others are still "
                + "compared)"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Rank output folders, or folders above them.")
    private List<Path> runDirs;

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    private boolean json;

    @Option(names = "--out", paramLabel = "FILE.md",
            description = "Also write the Markdown to FILE.md and the JSON next to it (FILE.json).")
    private Path out;

    @Override
    public Integer call() throws ProbeException {
        Comparison c = Comparison.load(runDirs);
        PrintWriter err = spec.commandLine().getErr();
        c.problems().forEach(p -> err.println("probe compare: " + p));
        err.flush();
        String markdown = c.markdown();
        String jsonText = toJson(c);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.print(jsonText);
        } else if (!c.rows().isEmpty()) {
            stdout.print(markdown);
        }
        stdout.flush();
        if (out != null) {
            write(out, markdown);
            write(jsonSibling(out), jsonText);
        }
        return c.problems().isEmpty() ? 0 : ProbeCommand.INPUT_ERROR;
    }

    /** {@code FILE.md} → {@code FILE.json}; any other name gets {@code .json} appended. */
    static Path jsonSibling(Path markdown) {
        String name = markdown.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(base + ".json");
    }

    private static String toJson(Comparison c) throws ProbeException {
        try {
            return Json.writer(Comparison.class).writeValueAsString(c) + "\n";
        } catch (IOException e) {
            throw new ProbeException("cannot write the comparison as JSON: " + e.getMessage());
        }
    }

    private static void write(Path file, String text) throws ProbeException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
