package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.io.AtomicFiles;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.io.OutputLock;
import dev.probe.report.Comparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe compare RUN_DIR…}: one table of several rankings, with neuron-set overlaps per model. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare rankings across models and tasks: oracle, minimal set, top / random / bottom 10 %%, "
                + "layers; per model the Jaccard overlap of the tasks' minimal sets and of the classes' top neurons.",
            "A RUN_DIR is a rank output folder (with ranking.json) or any folder above rank outputs: every "
                + "ranking.json up to 4 folder levels below is read. The model is the ranking's input model; the task "
                + "is the name of the folder above the rank folder when that is named 'rank' "
                + "(runs/<model>/<task>/rank/), else the rank folder's own name."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every RUN_DIR yielded at least one readable ranking.json",
            "2:a RUN_DIR is missing or holds no ranking.json, or a ranking.json is unreadable (the others are still "
                + "compared on stdout, and --out is not written), or --out may not be written"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LoggingOptions logging;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Rank output folders, or folders above them.")
    private List<Path> runDirs;

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    private boolean json;

    @Option(names = "--out", paramLabel = "FILE.md",
            description = "Also write the Markdown to FILE.md and the JSON next to it (FILE.json), only when every"
                    + " RUN_DIR was read.")
    private Path out;

    @Option(names = "--force", description = "Replace FILE.md and FILE.json written by an earlier probe compare.")
    private boolean force;

    @Override
    public Integer call() throws ProbeException {
        if (out != null) {
            OutputGuard.check(out, OutputKind.COMPARISON, force, runDirs);
            OutputLock.checkNotBusy(out);
        }
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
        if (!c.problems().isEmpty()) {
            return ProbeCommand.INPUT_ERROR;
        }
        if (out != null) {
            Path jsonFile = OutputGuard.comparisonJson(out);
            try (AtomicFiles files = AtomicFiles.create(List.of(out, jsonFile), OutputKind.COMPARISON, force)) {
                write(files.path(out), markdown);
                write(files.path(jsonFile), jsonText);
                files.commit();
            }
        }
        return 0;
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
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
