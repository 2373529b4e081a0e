package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.report.Comparison;
import dev.probe.report.ComparisonFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code probe compare RUN_DIR…}: one table of several rankings, with neuron-set overlaps per model; with {@code --out}
 * also as files (Markdown, JSON and an HTML page), with {@code --html} the page alone.
 */
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
                + "compared on stdout, and neither --out nor --html is written), or an output may not be written"},
        footerHeading = "%nFiles:%n",
        footer = {"--out cmp.md writes cmp.md, cmp.json and the HTML page cmp.html, with the page's charts "
                + "beside it: cmp-accuracy.svg/.png and cmp-layers.svg/.png.",
            "--html PAGE.html writes the page (and its charts beside it) there instead: alone, or with --out for the "
                + "Markdown and JSON.",
            "An existing file is replaced only with --force, and only when probe compare wrote it."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LoggingOptions logging;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Rank output folders, or folders above them.")
    private List<Path> runDirs;

    @Mixin
    JsonOption json;

    @Option(names = "--out", paramLabel = "FILE.md",
            description = "Also write the Markdown to FILE.md, the JSON next to it (FILE.json) and the HTML page "
                    + "(FILE.html, unless --html names another path), only when every RUN_DIR was read.")
    private Path out;

    @Option(names = "--html", paramLabel = "PAGE.html",
            description = "Write the HTML page to PAGE.html (its charts beside it as PAGE-accuracy.svg/.png and "
                    + "PAGE-layers.svg/.png); without --out, the page alone. Only when every RUN_DIR was read.")
    private Path html;

    @Option(names = "--force", description = "Replace files an earlier probe compare wrote (FILE.md, FILE.json, the "
            + "page and its charts); never other files.")
    private boolean force;

    @Override
    public Integer call() throws ProbeException {
        Comparison.Loaded loaded = Comparison.read(runDirs);
        Comparison c = Comparison.of(loaded.runs(), loaded.problems());
        PrintWriter err = spec.commandLine().getErr();
        c.problems().forEach(p -> err.println("probe compare: " + p));
        err.flush();
        String markdown = c.markdown();
        String jsonText = ComparisonFiles.json(c);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json.enabled) {
            stdout.print(jsonText);
        } else if (!c.rows().isEmpty()) {
            stdout.print(markdown);
        }
        stdout.flush();
        if (!c.problems().isEmpty()) {
            return ExitCodes.INPUT_ERROR;
        }
        if (out != null || html != null) {
            Path page = html != null ? html : ComparisonFiles.htmlBeside(out);
            ComparisonFiles.write(c, loaded.runs(), out, page, force, runDirs);
        }
        return 0;
    }
}
