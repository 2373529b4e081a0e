package dev.probe.report;

import dev.probe.atlas.Census;
import dev.probe.atlas.CensusSettings;
import dev.probe.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of a neuron census ({@link Census}): {@code census.json}, the per-layer chart as {@code census.svg} and
 * {@code census.png}, {@code census.md} and a self-contained {@code census.html} (through {@link HtmlPage}). The census
 * section alone, as HTML ({@link #htmlSection}) or Markdown ({@link #markdownSection}), is public so other reports can
 * embed it.
 */
public final class CensusReport {
    /** Chart width in pixels. */
    public static final int WIDTH = 900;
    /** Chart height in pixels. */
    public static final int HEIGHT = 460;
    /** The chart's file stem. */
    public static final String CHART = "census";
    /** The section's heading. */
    public static final String HEADING = "Neuron census";

    private CensusReport() {
    }

    /**
     * Writes {@code census.json}, {@code census.svg}, {@code census.png}, {@code census.md} and {@code census.html}
     * into {@code dir} (which must exist), replacing files of those names.
     *
     * @return the files written, in that order
     */
    public static List<Path> write(Census census, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        Path json = dir.resolve(Census.FILE_NAME);
        Files.writeString(json, Json.writer(Census.class).writeValueAsString(census) + "\n", StandardCharsets.UTF_8);
        files.add(json);
        SvgCanvas svg = new SvgCanvas(WIDTH, HEIGHT);
        CensusChart.draw(census, svg);
        Files.writeString(dir.resolve(CHART + ".svg"), svg.document(), StandardCharsets.UTF_8);
        files.add(dir.resolve(CHART + ".svg"));
        try (PngCanvas png = new PngCanvas(WIDTH, HEIGHT)) {
            CensusChart.draw(census, png);
            png.write(dir.resolve(CHART + ".png"));
        }
        files.add(dir.resolve(CHART + ".png"));
        Files.writeString(dir.resolve("census.md"), markdown(census), StandardCharsets.UTF_8);
        files.add(dir.resolve("census.md"));
        Files.writeString(dir.resolve("census.html"), html(census), StandardCharsets.UTF_8);
        files.add(dir.resolve("census.html"));
        return files;
    }

    /** The title of the census page. */
    static String title(Census c) {
        return "Neuron census: " + c.model().spec() + " · " + c.point();
    }

    private static String meta(Census c) {
        return "From census.json (format " + c.formatVersion() + ") written on " + c.tool().createdAt() + " by "
                + c.tool().name() + " " + c.tool().version() + "; " + Fmt.MISSING + " marks a value undefined for"
                + " every neuron of the layer.";
    }

    /** The whole page: the census section, the definitions and the inputs, through {@link HtmlPage#document}. */
    static String html(Census c) {
        StringBuilder b = new StringBuilder(htmlSection(c, "<figure>\n" + chartSvg(c) + "<figcaption>"
                + Fmt.html(caption()) + " Also as " + CHART + ".png and " + CHART + ".svg.</figcaption>\n</figure>\n"));
        b.append(definitions(c).html()).append(inputs(c).html());
        return HtmlPage.document(title(c), meta(c), b.toString());
    }

    /** The whole Markdown page. */
    static String markdown(Census c) {
        return "# " + Fmt.md(title(c)) + "\n\n" + Fmt.md(meta(c)) + "\n\n" + markdownSection(c, CHART + ".png")
                + definitions(c).markdown() + inputs(c).markdown();
    }

    private static String chartSvg(Census c) {
        SvgCanvas svg = new SvgCanvas(WIDTH, HEIGHT);
        CensusChart.draw(c, svg);
        return svg.element();
    }

    private static String caption() {
        return "Dead neurons, token detectors, n-gram detectors and positional neurons per layer (a neuron may be of"
                + " several kinds).";
    }

    /**
     * The census as one HTML {@code <section>} headed "Neuron census": a summary, the per-layer table, the chart
     * (inline SVG) and the top-neuron tables.
     */
    public static String htmlSection(Census c) {
        return htmlSection(c, "<figure>\n" + chartSvg(c) + "<figcaption>" + Fmt.html(caption())
                + "</figcaption>\n</figure>\n");
    }

    private static String htmlSection(Census c, String figure) {
        StringBuilder b = new StringBuilder("<section>\n").append(HtmlPage.heading(HEADING));
        for (String note : notes(c)) {
            b.append("<p>").append(Fmt.html(note)).append("</p>\n");
        }
        b.append(layerTable(c).html()).append(figure);
        for (Top t : tops(c)) {
            b.append("<h3>").append(Fmt.html(t.title())).append("</h3>\n").append(t.table().html());
        }
        return b.append("</section>\n").toString();
    }

    /**
     * The census as a Markdown section headed "Neuron census", linking the chart image {@code chartPng} (a path
     * relative to the Markdown file), or without the image when it is null.
     */
    public static String markdownSection(Census c, String chartPng) {
        StringBuilder b = new StringBuilder("## ").append(HEADING).append("\n\n");
        for (String note : notes(c)) {
            b.append(Fmt.md(note)).append("\n\n");
        }
        b.append(layerTable(c).markdown()).append('\n');
        if (chartPng != null) {
            b.append("![census chart](").append(chartPng).append(")\n\n").append(Fmt.md(caption())).append("\n\n");
        }
        for (Top t : tops(c)) {
            b.append("### ").append(Fmt.md(t.title())).append("\n\n").append(t.table().markdown()).append('\n');
        }
        return b.toString();
    }

    private static List<String> notes(Census c) {
        int[] t = c.totals();
        int neurons = c.neurons().size();
        CensusSettings s = c.settings();
        Census.Groups g = c.groups();
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%d neurons in %d layers (%s) over %d words: %d dead, %d token"
                + " detectors, %d n-gram detectors, %d positional.", neurons, c.layers().size(),
                "hidden".equals(c.point()) ? "hidden states, the residual stream" : "feed-forward activations",
                g.words(), t[0], t[1], t[2], t[3]));
        if (t[0] == 0) {
            notes.add("No neuron is dead: every one is above " + Fmt.num(s.activeAbove()) + " on more than "
                    + Fmt.pct(s.deadShare()) + " of the words." + ("hidden".equals(c.point())
                            ? " Expected for hidden states, which are not rectified; dead units are a property of"
                                    + " ReLU/GELU feed-forward activations." : ""));
        } else if ("hidden".equals(c.point())) {
            notes.add("In hidden states (not rectified) a dead neuron is a dimension that is never above "
                    + Fmt.num(s.activeAbove()) + " (a large offset, not a silent unit) or a negligible one (root mean"
                    + " square below 10⁻⁶ of its layer's median); see the least active neurons below.");
        }
        notes.add("η² is measured over " + g.frequentTypes() + " word types seen at least " + s.minCount()
                + " times plus one pooled group of the rarer ones (" + g.pooledWords() + " words); a neuron unrelated"
                + " to the words has η² near " + Fmt.fixed(g.chanceEta2(), 4) + " by chance (mean η² with the types"
                + " permuted is in the table).");
        return notes;
    }

    static Table layerTable(Census c) {
        List<List<String>> rows = new ArrayList<>();
        for (Census.Layer l : c.layers()) {
            rows.add(List.of(Integer.toString(l.layer()), Integer.toString(l.neurons()), Integer.toString(l.dead()),
                    Integer.toString(l.rarelyActive()), Integer.toString(l.constant()),
                    Integer.toString(l.tokenDetectors()), Integer.toString(l.ngramDetectors()),
                    Integer.toString(l.positional()), Fmt.pct(l.meanActiveShare()), opt(l.meanEta2()),
                    opt(l.meanPermutedEta2()), opt(l.meanAbsR())));
        }
        return new Table(List.of("layer", "neurons", "dead", "rarely active", "constant or negligible", "token detectors",
                "n-gram detectors", "positional", "mean active share", "mean η²", "mean η², types permuted",
                "mean |r| with position"), "rrrrrrrrrrrr", rows);
    }

    private static String opt(Double v) {
        return v == null ? Fmt.MISSING : Fmt.fixed(v, 3);
    }

    private record Top(String title, Table table) {
    }

    private static List<Top> tops(Census c) {
        CensusSettings s = c.settings();
        return List.of(
                top("Least active neurons (dead: share ≤ " + Fmt.num(s.deadShare()) + ")", "active share",
                        c.top().dead(), false),
                top("Token detectors: highest η² by word type (≥ " + Fmt.num(s.tokenThreshold()) + ")", "η²",
                        c.top().token(), true),
                top("N-gram detectors: largest gain of bigram ω² over word-type ω² (≥ " + Fmt.num(s.ngramMargin())
                        + ")", "ω² gain", c.top().ngram(), true),
                top("Positional neurons: highest |r| with the word index (≥ " + Fmt.num(s.positionThreshold())
                        + ")", "|r|", c.top().positional(), false));
    }

    private static Top top(String title, String score, List<Census.TopNeuron> neurons, boolean words) {
        List<List<String>> rows = new ArrayList<>();
        for (Census.TopNeuron n : neurons) {
            List<String> row = new ArrayList<>(List.of(n.name(), Fmt.fixed(n.score(), 4), n.detector() ? "yes" : "no"));
            if (words) {
                row.add(n.word() == null ? Fmt.MISSING : n.word());
                row.add(n.wordMean() == null ? Fmt.MISSING : Fmt.fixed(n.wordMean(), 3));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("neuron", score, "passes"));
        if (words) {
            header.addAll(List.of("top word", "its mean activation"));
        }
        return new Top(title, new Table(header, words ? "lrlll" : "lrl", rows));
    }

    private static Section definitions(Census c) {
        CensusSettings s = c.settings();
        return new Section("Definitions and thresholds", List.of(
                "Dead: active (activation > " + Fmt.num(s.activeAbove()) + ") on at most " + Fmt.pct(s.deadShare())
                        + " of the words; rarely active: not dead, active on at most " + Fmt.pct(s.rareShare()) + ".",
                "Token detector: η² of the activation by word type (between-type sum of squares / total) at least "
                        + Fmt.num(s.tokenThreshold()) + " and above the η² of the same neuron with the word types"
                        + " permuted over the words (seed " + s.seed() + "). Types seen fewer than " + s.minCount()
                        + " times form one pooled group.",
                "N-gram detector: η² by bigram (previous word of the sentence and word; bigrams seen fewer than "
                        + s.minCount() + " times stay in their word type's group) at least "
                        + Fmt.num(s.tokenThreshold()) + ", and its ω² (η² adjusted for the number of groups) above"
                        + " the word-type ω² by at least " + Fmt.num(s.ngramMargin()) + ".",
                "Positional: |Pearson r| between the activation and the word's 0-based index in its sentence at"
                        + " least " + Fmt.num(s.positionThreshold()) + ".",
                "A constant neuron has η², ω² and r undefined (0/0): census.json records them as null with the"
                        + " reason, and it counts as none of the detector kinds. So does a negligible neuron, whose"
                        + " root mean square is below 10⁻⁶ of the median of its layer (its variation is rounding"
                        + " noise); it counts as dead."), null);
    }

    private static Section inputs(Census c) {
        return new Section("Inputs and provenance", List.of(), new Table(List.of("item", "value"), "ll", List.of(
                List.of("store", c.store().path()),
                List.of("store manifest SHA-256", c.store().manifestSha256()),
                List.of("words / sentences", c.store().rows() + " / " + c.store().sentences()),
                List.of("model", c.model().spec() + " (" + c.model().architecture() + ")"),
                List.of("probe point", c.point()),
                List.of("word types / frequent / bigram types / frequent bigrams", c.groups().wordTypes() + " / "
                        + c.groups().frequentTypes() + " / " + c.groups().bigramTypes() + " / "
                        + c.groups().frequentBigrams()),
                List.of("group sums held", Fmt.num(c.groups().accumulatorBytes() / 1048576.0) + " MiB"),
                List.of("pass over the store", Fmt.fixed(c.seconds(), 2) + " s"),
                List.of("tool", c.tool().name() + " " + c.tool().version() + ", Java " + c.tool().java()))));
    }
}
