package dev.probe.report;

import dev.probe.atlas.NeuronProfile;
import dev.probe.atlas.NeuronProfile.Context;
import dev.probe.atlas.NeuronProfile.HeatSentence;
import dev.probe.atlas.NeuronProfile.QuantileContexts;
import dev.probe.atlas.NeuronProfile.Stats;
import dev.probe.atlas.NeuronProfile.WordScore;
import dev.probe.atlas.NeuronProfiler;
import dev.probe.atlas.NeuronsReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One neuron's self-contained HTML page ({@link HtmlPage}): summary, top-activating and quantile contexts, the
 * activation histogram by class, signed top words and a heat-map of a few sentences. Every text from the store is
 * escaped.
 */
public final class NeuronPage {
    /** The section headings, in page order. */
    public static final List<String> SECTIONS = List.of("Summary", "Top-activating contexts", "Activation by class",
            "Signed top words", "Heat-map");
    /** Words shown on each side of a highlighted word in a context (the rest of the sentence is elided). */
    static final int WINDOW = 15;

    private NeuronPage() {
    }

    /** The page title: {@code Neuron L:U · <model> · <task name, else label column>}. */
    public static String title(NeuronsReport r, NeuronProfile p) {
        return "Neuron " + p.neuron() + " · " + r.model() + " · " + (r.task() != null ? r.task() : p.labelColumn());
    }

    /** The page of {@code p}, one of the profiles of {@code r}. */
    public static String html(NeuronsReport r, NeuronProfile p) {
        String meta = "Store " + r.store().path() + " (" + r.store().rows() + " words) · " + r.point()
                + " activations · written by " + (r.tool() == null ? "probe" : r.tool().name() + " "
                + r.tool().version() + " at " + r.tool().createdAt());
        String body = summary(r, p) + contexts(p) + histogram(r, p) + words(r, p) + heatmap(p);
        return HtmlPage.document(title(r, p), meta, body);
    }

    /** The histogram as a PNG image. */
    public static void png(NeuronsReport r, NeuronProfile p, Path file) throws IOException {
        try (PngCanvas png = new PngCanvas(NeuronHistogramChart.WIDTH, NeuronHistogramChart.HEIGHT)) {
            NeuronHistogramChart.draw(p, subtitle(r, p), png);
            png.write(file);
        }
    }

    /** The histogram as a standalone SVG document. */
    public static String svg(NeuronsReport r, NeuronProfile p) {
        SvgCanvas svg = new SvgCanvas(NeuronHistogramChart.WIDTH, NeuronHistogramChart.HEIGHT);
        NeuronHistogramChart.draw(p, subtitle(r, p), svg);
        return svg.document();
    }

    private static String subtitle(NeuronsReport r, NeuronProfile p) {
        return r.model() + " · " + p.histogram().bins() + " bins over [" + Fmt.num(p.histogram().lo()) + ", "
                + Fmt.num(p.histogram().hi()) + "] · " + p.stats().words() + " words";
    }

    private static String summary(NeuronsReport r, NeuronProfile p) {
        Stats s = p.stats();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("neuron", p.neuron() + " (layer " + p.layer() + ", unit " + p.unit() + ", store column "
                + p.column() + ")"));
        rows.add(List.of("model", r.model() + " (" + r.point() + ")"));
        rows.add(List.of("label column", p.labelColumn()));
        rows.add(List.of("words", Long.toString(s.words())));
        rows.add(List.of("mean", Fmt.num(s.mean())));
        rows.add(List.of("sd", Fmt.num(s.sd())));
        rows.add(List.of("min", Fmt.num(s.min())));
        rows.add(List.of("max", Fmt.num(s.max())));
        List<String> notes = new ArrayList<>();
        notes.add("z = (activation − mean) / sd, with the mean and the sample sd (n − 1) of this neuron over every"
                + " word of the store.");
        if (s.constant()) {
            notes.add("This neuron is constant: every word has activation " + Fmt.num(s.min()) + ", so its sd is 0, z"
                    + " is undefined (shown as " + Fmt.MISSING + ") and there are no signed top words.");
        }
        return new Section(SECTIONS.get(0), notes, new Table(List.of("item", "value"), "ll", rows)).html();
    }

    private static String contexts(NeuronProfile p) {
        StringBuilder b = new StringBuilder("<section>\n").append(HtmlPage.heading(SECTIONS.get(1)));
        b.append("<p>Each row is one word (highlighted) in its sentence; up to ").append(WINDOW)
                .append(" words are shown on each side. Equal activations are listed in store order.</p>\n");
        b.append("<h3>Highest activations</h3>\n").append(contextTable(p.top(), null));
        b.append("<h3>Lowest activations</h3>\n").append(contextTable(p.bottom(), null));
        b.append("<h3>Quantiles</h3>\n<p>The words nearest each quantile of the exactly sorted activations (the"
                + " quantile value interpolates linearly at position q·(n − 1)).</p>\n");
        List<Context> rows = new ArrayList<>();
        List<String> quantile = new ArrayList<>();
        for (QuantileContexts q : p.quantiles()) {
            for (Context c : q.contexts()) {
                rows.add(c);
                quantile.add(Fmt.num(q.quantile() * 100) + " % (" + Fmt.num(q.value()) + ")");
            }
        }
        b.append(contextTable(rows, quantile));
        return b.append("</section>\n").toString();
    }

    /** A table of contexts; with {@code quantile}, a first column naming each row's quantile. */
    private static String contextTable(List<Context> contexts, List<String> quantile) {
        if (contexts.isEmpty()) {
            return "<p>No words.</p>\n";
        }
        StringBuilder b = new StringBuilder("<table class=\"sortable\">\n<thead><tr>");
        if (quantile != null) {
            b.append("<th>quantile (value)</th>");
        }
        b.append("<th class=\"num\">activation</th><th class=\"num\">z</th><th>label</th><th>context</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < contexts.size(); i++) {
            Context c = contexts.get(i);
            b.append("<tr>");
            if (quantile != null) {
                b.append("<td>").append(Fmt.html(quantile.get(i))).append("</td>");
            }
            b.append("<td class=\"num\">").append(Fmt.html(Fmt.num(c.activation()))).append("</td><td class=\"num\">")
                    .append(Fmt.html(signed(c.z()))).append("</td><td>").append(Fmt.html(c.label()))
                    .append("</td><td class=\"ctx\" dir=\"auto\">").append(sentence(c)).append("</td></tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    /** The words around the highlighted one, escaped, the highlighted word in {@code <mark>}. */
    static String sentence(Context c) {
        int from = Math.max(0, c.index() - WINDOW);
        int to = Math.min(c.words().size(), c.index() + WINDOW + 1);
        StringBuilder b = new StringBuilder(from > 0 ? "… " : "");
        for (int i = from; i < to; i++) {
            String w = Fmt.html(c.words().get(i));
            b.append(i == c.index() ? "<mark>" + w + "</mark>" : w).append(i + 1 < to ? " " : "");
        }
        return b.append(to < c.words().size() ? " …" : "").toString();
    }

    private static String histogram(NeuronsReport r, NeuronProfile p) {
        SvgCanvas svg = new SvgCanvas(NeuronHistogramChart.WIDTH, NeuronHistogramChart.HEIGHT);
        NeuronHistogramChart.draw(p, subtitle(r, p), svg);
        boolean other = p.histogram().classes().stream().anyMatch(c -> NeuronProfiler.OTHER.equals(c.label()));
        String caption = "Words per activation bin: " + p.histogram().bins() + " equal bins from the minimum to the"
                + " maximum (the last bin includes the maximum), stacked by " + p.labelColumn() + " class"
                + (other ? "; the legend shows the most frequent classes, and " + NeuronProfiler.OTHER
                        + " gathers the rest." : ".");
        return "<section>\n" + HtmlPage.heading(SECTIONS.get(2)) + "<figure>\n" + svg.element() + "<figcaption>"
                + Fmt.html(caption) + "</figcaption>\n</figure>\n</section>\n";
    }

    private static String words(NeuronsReport r, NeuronProfile p) {
        StringBuilder b = new StringBuilder("<section>\n").append(HtmlPage.heading(SECTIONS.get(3)));
        int minCount = r.options() == null ? 0 : r.options().minCount();
        b.append("<p>").append(Fmt.html("Word types seen at least " + minCount + " times, by the mean z of their"
                + " activations: the largest positive and the largest negative means.")).append("</p>\n");
        if (p.stats().constant()) {
            return b.append("<p>None: the neuron is constant, so z is undefined.</p>\n</section>\n").toString();
        }
        b.append("<h3>Positive</h3>\n").append(wordTable(p.positiveWords()));
        b.append("<h3>Negative</h3>\n").append(wordTable(p.negativeWords()));
        return b.append("</section>\n").toString();
    }

    private static String wordTable(List<WordScore> scores) {
        if (scores.isEmpty()) {
            return "<p>No word type qualifies.</p>\n";
        }
        List<List<String>> rows = scores.stream()
                .map(w -> List.of(w.word(), Long.toString(w.count()), signed(w.meanZ()))).toList();
        return new Table(List.of("word", "count", "mean z"), "lrr", rows).html();
    }

    private static String heatmap(NeuronProfile p) {
        StringBuilder b = new StringBuilder("<section>\n").append(HtmlPage.heading(SECTIONS.get(4)));
        double scale = p.heatmap().scale();
        b.append("<p>").append(Fmt.html("The sentences of the highest and the lowest activations, every word coloured"
                + " by a / " + Fmt.num(scale) + ", where a is its activation and " + Fmt.num(scale) + " the largest"
                + " |a| shown: red positive, blue negative, white 0. Hover a word for its activation."))
                .append("</p>\n");
        b.append("<p class=\"ctx legend\">");
        for (double v : new double[] {-1, -0.5, 0, 0.5, 1}) {
            b.append(span(Fmt.num(v * scale), v, Fmt.num(v * scale))).append(' ');
        }
        b.append("</p>\n");
        for (HeatSentence s : p.heatmap().sentences()) {
            b.append("<p class=\"ctx\" dir=\"auto\">");
            for (int i = 0; i < s.words().size(); i++) {
                double a = s.activations()[i];
                b.append(span(s.words().get(i), scale > 0 ? a / scale : 0, Fmt.num(a)))
                        .append(i + 1 < s.words().size() ? " " : "");
            }
            b.append("</p>\n");
        }
        return b.append("</section>\n").toString();
    }

    /** A word coloured by {@code value} in [-1, 1], its activation as the tooltip. */
    private static String span(String word, double value, String title) {
        int bg = ColourScale.diverging(value);
        return "<span class=\"w\" style=\"background:" + ColourScale.css(bg) + ";color:"
                + ColourScale.css(ColourScale.text(bg)) + "\" title=\"" + Fmt.html(title) + "\">" + Fmt.html(word)
                + "</span>";
    }

    /** A z-score with its sign ({@code +1.25}, {@code -0.50}), or {@link Fmt#MISSING} when undefined. */
    static String signed(Double z) {
        return z == null || !Double.isFinite(z) ? Fmt.MISSING : String.format(Locale.ROOT, "%+.2f", z);
    }
}
