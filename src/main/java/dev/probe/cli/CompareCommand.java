package dev.probe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.probe.ProbeException;
import dev.probe.io.Json;
import dev.probe.report.Comparison;
import dev.probe.report.ComparisonFiles;
import dev.probe.report.Expectation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * also as files (Markdown, JSON and an HTML page), with {@code --html} the page alone; with {@code --expect} a gate on
 * the comparison's fields (exit 3 when one fails).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare rankings across models and tasks: oracle, minimal set, top / random / bottom 10 %%, "
                + "layers; per model the Jaccard overlap of the tasks' minimal sets and of the classes' top neurons.",
            "A RUN_DIR is a rank output folder (with ranking.json) or any folder above rank outputs: every "
                + "ranking.json up to 4 folder levels below is read. The model is the ranking's input model; the task "
                + "is the name of the folder above the rank folder when that is named 'rank' "
                + "(runs/<model>/<task>/rank/), else the rank folder's own name."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every RUN_DIR yielded at least one readable ranking.json (and every --expect holds)",
            "2:a RUN_DIR is missing or holds no ranking.json, or a ranking.json is unreadable (the others are still "
                + "compared on stdout, and neither --out nor --html is written), or an output may not be written, "
                + "or an --expect is malformed or names a field comparison.json does not have",
            "3:the comparison was made (and written), but an --expect does not hold: each failed one on stderr"},
        footerHeading = "%nFiles:%n",
        footer = {"--out cmp.md writes cmp.md, cmp.json and the HTML page cmp.html, with the page's charts "
                + "beside it: cmp-accuracy.svg/.png and cmp-layers.svg/.png.",
            "--html PAGE.html writes the page (and its charts beside it) there instead: alone, or with --out for the "
                + "Markdown and JSON.",
            "An existing file is replaced only with --force, and only when probe compare wrote it.",
            "--expect 'PATH OP NUMBER' (or 'count(PATH) OP NUMBER'), OP one of < <= > >= == !=, PATH dotted "
                + "snake_case fields of comparison.json with [N], [*] or [key=value,...] selectors into lists, e.g. "
                + "--expect 'rows[task=xpos].oracle_dev >= 0.9' --expect 'count(problems) == 0' (docs/compare.md)."})
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

    @Option(names = "--expect", paramLabel = "EXPR",
            description = "Gate on the comparison (repeatable): PATH OP NUMBER or count(PATH) OP NUMBER over the "
                    + "fields of comparison.json, e.g. 'rows[model=bert,task=xpos].oracle_dev >= 0.9' or "
                    + "'rows[*].selectivity > 0.05'; every selected value must hold. Exit 3 when one does not.")
    private List<String> expectations = List.of();

    @Override
    public Integer call() throws ProbeException {
        List<Expectation> expected = new ArrayList<>();
        for (String text : expectations) {
            expected.add(Expectation.parse(text));
        }
        Comparison.Loaded loaded = Comparison.read(runDirs);
        Comparison c = Comparison.of(loaded.runs(), loaded.problems());
        PrintWriter err = spec.commandLine().getErr();
        c.problems().forEach(p -> err.println("probe compare: " + p));
        err.flush();
        String markdown = c.markdown();
        String jsonText = ComparisonFiles.json(c);
        // an expectation naming an unknown field stops here, before anything is printed or written
        List<Expectation.Outcome> outcomes = c.problems().isEmpty() ? evaluate(expected, jsonText) : List.of();
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
        return report(outcomes, err);
    }

    private static List<Expectation.Outcome> evaluate(List<Expectation> expected, String jsonText)
            throws ProbeException {
        if (expected.isEmpty()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Json.reader(JsonNode.class).readTree(jsonText);
        } catch (IOException e) {
            throw new IllegalStateException("the comparison's own JSON does not parse", e);
        }
        List<Expectation.Outcome> outcomes = new ArrayList<>();
        for (Expectation e : expected) {
            outcomes.add(e.evaluate(root));
        }
        return outcomes;
    }

    private int report(List<Expectation.Outcome> outcomes, PrintWriter err) {
        int failed = 0;
        for (Expectation.Outcome o : outcomes) {
            if (!o.met()) {
                failed++;
                err.println("probe compare: expectation failed: " + o.expectation().text() + " (" + o.detail() + ")");
            } else if (!logging.quiet) {
                err.println("probe compare: expectation met: " + o.expectation().text() + " (" + o.detail() + ")");
            }
        }
        err.flush();
        return failed == 0 ? 0 : ExitCodes.EXPECTATION_FAILED;
    }
}
