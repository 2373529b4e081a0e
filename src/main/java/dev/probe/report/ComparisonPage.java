package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.OutputGuard;
import dev.probe.rank.RankingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The comparison as one self-contained HTML page ({@link HtmlPage}): accuracy against neurons for every model × task
 * in one chart, the minimal sets' layer distributions side by side, a heat-map of how much the minimal sets overlap,
 * the comparison table and per-model overlap tables of {@link ComparisonMarkdown}, and the inputs with their SHA-256.
 * The two charts are inline SVG; {@link ComparisonFiles} also writes each as SVG and PNG beside the page.
 */
public final class ComparisonPage {

    private ComparisonPage() {
    }

    /**
     * A chart of the page.
     *
     * @param name the file suffix: {@code PAGE-name.svg} and {@code PAGE-name.png} beside {@code PAGE.html}
     * @param caption the figure caption
     * @param width canvas width
     * @param height canvas height
     * @param draw draws the runs (in row order) onto a canvas
     */
    record Chart(String name, String caption, int width, int height, BiConsumer<List<Comparison.Run>, Canvas> draw) {
    }

    /** The charts of the page for {@code runs} (in row order), in page order. */
    static List<Chart> charts(List<Comparison.Run> runs) {
        return List.of(
                new Chart("accuracy", "Dev accuracy of the probes retrained on the top neurons during the minimal-set "
                        + "search, against the share of the model's neurons they keep (log scale, so that models of "
                        + "different sizes line up and the small sets stay readable). Colour: task; line style and "
                        + "marker: model. Dashed level: the oracle on all neurons; thin dotted level: the control task "
                        + "(oracle dev − selectivity; only where a control task was run); large outlined marker: the "
                        + "minimal set.", ComparisonAccuracyChart.WIDTH, ComparisonAccuracyChart.HEIGHT,
                        ComparisonAccuracyChart::draw),
                new Chart("layers", "Neurons of each minimal set per layer, one panel per model × task, all panels on "
                        + "the same y scale; the count of the whole set is in each panel's title.",
                        ComparisonLayerChart.WIDTH, ComparisonLayerChart.height(runs.size()),
                        ComparisonLayerChart::draw));
    }

    /** The page's title: the models and the tasks compared, as the rows name them. */
    static String title(Comparison c) {
        Set<String> models = new LinkedHashSet<>();
        Set<String> tasks = new LinkedHashSet<>();
        c.rows().forEach(r -> {
            models.add(r.model());
            tasks.add(r.task());
        });
        if (models.isEmpty()) {
            return "Comparison of rankings";
        }
        return "Comparison: " + String.join(", ", models) + " × " + String.join(", ", tasks);
    }

    /**
     * The page.
     *
     * @param c the comparison of {@code runs}
     * @param runs the rankings compared (any order; drawn in row order)
     */
    public static String html(Comparison c, List<Comparison.Run> runs) {
        List<Comparison.Run> sorted = Comparison.sorted(runs);
        StringBuilder b = new StringBuilder(OutputGuard.PAGE_MARKER).append('\n');
        List<Chart> charts = charts(sorted);
        b.append(figure("Accuracy against neurons", charts.get(0), sorted));
        b.append(figure("Layer distributions", charts.get(1), sorted));
        b.append(overlap(OverlapMatrix.of(sorted, ComparisonPage::randomWeights)));
        b.append(ComparisonMarkdown.rankings(c).html());
        for (Comparison.ModelOverlap m : c.models()) {
            b.append(ComparisonMarkdown.minimalSets(m).html()).append(ComparisonMarkdown.betweenClasses(m).html());
        }
        if (!c.problems().isEmpty()) {
            b.append(new Section("Problems", c.problems(), null).html());
        }
        b.append(inputs(c));
        return HtmlPage.document(title(c), meta(c), b.toString());
    }

    /** The SVG of {@code chart} drawn for {@code runs}. */
    static SvgCanvas svg(Chart chart, List<Comparison.Run> runs) {
        SvgCanvas svg = new SvgCanvas(chart.width(), chart.height());
        chart.draw().accept(runs, svg);
        return svg;
    }

    private static String figure(String title, Chart chart, List<Comparison.Run> runs) {
        return "<section>\n" + HtmlPage.heading(title) + "<figure>\n" + svg(chart, runs).element() + "<figcaption>"
                + Fmt.html(chart.caption()) + "</figcaption>\n</figure>\n</section>\n";
    }

    private static String overlap(OverlapMatrix m) {
        StringBuilder b = new StringBuilder("<section>\n").append(HtmlPage.heading("Overlap of minimal sets"));
        b.append("<p>").append(Fmt.html("Each cell is the Jaccard overlap |A ∩ B| / |A ∪ B| of the minimal neuron sets "
                + "of its row and its column: 1 means the same neurons, 0 none in common. The colour darkens with the "
                + "overlap; hover a cell for the counts.")).append("</p>\n");
        if (m.anyDifferent()) {
            b.append("<p>").append(Fmt.html(Fmt.MISSING + ": the two rankings read different neuron spaces (layers, "
                    + "width, probe point or number of neurons differ), so their neuron ids do not name the same "
                    + "units and no overlap is computed.")).append("</p>\n");
        }
        if (m.anyUnitIndices()) {
            b.append("<p>").append(Fmt.html("†: two different models of the same shape (for example a model and its "
                    + "random-weights twin, model.random_init in the stores' provenance): the overlap compares unit "
                    + "indices only — neuron i of one model is not the same unit as neuron i of the other."))
                    .append("</p>\n");
        }
        Set<String> random = new LinkedHashSet<>();
        for (int i = 0; i < m.labels().size(); i++) {
            if (m.random().get(i)) {
                random.add(m.labels().get(i));
            }
        }
        if (!random.isEmpty()) {
            b.append("<p>").append(Fmt.html("Random weights (model.random_init in their stores): "
                    + String.join(", ", random) + ".")).append("</p>\n");
        }
        if (m.labels().isEmpty()) {
            return b.append("<p>No rankings to compare.</p>\n</section>\n").toString();
        }
        b.append("<table class=\"heatmap\">\n<thead><tr><th></th>");
        m.labels().forEach(l -> b.append("<th>").append(Fmt.html(l)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < m.labels().size(); i++) {
            b.append("<tr><th>").append(Fmt.html(m.labels().get(i))).append("</th>");
            for (int j = 0; j < m.labels().size(); j++) {
                boolean twins = m.random().get(i) != m.random().get(j);
                b.append(cell(m.cells().get(i).get(j), twins));
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n</section>\n").toString();
    }

    private static String cell(OverlapMatrix.Cell cell, boolean twins) {
        if (!cell.compared()) {
            String why = cell.kind() == OverlapMatrix.Kind.DIFFERENT_SPACES ? "different neuron spaces"
                    : "both minimal sets are empty";
            return "<td class=\"num\" title=\"" + Fmt.html(why) + "\">" + Fmt.MISSING + "</td>";
        }
        int bg = ColourScale.sequential(cell.jaccard());
        String mark = cell.kind() == OverlapMatrix.Kind.UNIT_INDICES ? " †" : "";
        String title = cell.common() + " common of " + cell.union() + " neurons"
                + (mark.isEmpty() ? "" : twins ? "; unit indices of a model with trained and one with random weights"
                        : "; unit indices of two models");
        return "<td class=\"num\" style=\"background:" + ColourScale.css(bg) + ";color:"
                + ColourScale.css(ColourScale.text(bg)) + "\" title=\"" + Fmt.html(title) + "\">"
                + Fmt.fixed(cell.jaccard(), 3) + mark + "</td>";
    }

    /**
     * Whether the stores a ranking read record random weights ({@code model.random_init}): read from the first of its
     * stores whose manifest is still readable; false when none is (moved or deleted), as nothing is then known.
     */
    static boolean randomWeights(Comparison.Run run) {
        RankingResult.Inputs in = run.ranking().inputs();
        if (in == null || in.stores() == null) {
            return false;
        }
        for (String dir : in.stores().values()) {
            try {
                StoreManifest m = StoreManifest.read(Path.of(dir));
                return m.model() != null && m.model().randomInit() != null;
            } catch (ProbeException | RuntimeException e) {
                // moved or unreadable: try the next split
            }
        }
        return false;
    }

    private static String inputs(Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : c.rankings().entrySet()) {
            rows.add(List.of(e.getKey(), e.getValue()));
        }
        return new Section("Inputs", List.of("Each ranking.json compared, with its SHA-256."),
                rows.isEmpty() ? null : new Table(List.of("ranking.json", "SHA-256"), "ll", rows)).html();
    }

    private static String meta(Comparison c) {
        String when = c.tool() == null ? "" : " Written on " + c.tool().createdAt() + " by " + c.tool().name() + " "
                + c.tool().version() + ".";
        return c.rows().size() + (c.rows().size() == 1 ? " ranking" : " rankings") + "; accuracies are dev "
                + "accuracies in [0, 1], " + Fmt.MISSING + " marks a value that was not measured." + when;
    }
}
