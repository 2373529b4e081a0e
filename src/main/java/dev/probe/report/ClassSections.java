package dev.probe.report;

import dev.probe.atlas.NeuronId;
import dev.probe.rank.OracleDiagnostics;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The per-class parts of a ranking report: the oracle's F1 per class and its most frequent confusions; each class's
 * top neurons with their signed class-conditional words (one collapsible block per class in HTML); the neurons that
 * several classes share.
 */
final class ClassSections {
    /** Words shown per list. */
    static final int WORDS = 6;
    private static final String SCORES = "Oracle per class";
    private static final String NEURONS = "Top neurons per class";
    private static final String SHARED = "Neurons shared by classes";
    private static final String UNITS = "Units recurring across layers";

    private ClassSections() {
    }

    /** Per-class precision, recall and F1 with bars, and the top confusions; null without diagnostics. */
    static Part scores(RankingResult r) {
        OracleDiagnostics d = r.diagnostics();
        if (d == null || d.classes().isEmpty()) {
            return null;
        }
        List<OracleDiagnostics.ClassScore> classes = new ArrayList<>(d.classes());
        classes.sort(Comparator.comparingInt(OracleDiagnostics.ClassScore::support).reversed()
                .thenComparing(OracleDiagnostics.ClassScore::label));
        String note = "The oracle probe on " + d.split() + ", per class (most frequent first; click a column to sort), "
                + "then its " + d.confusions().size() + " most frequent confusions.";
        List<List<String>> rows = new ArrayList<>();
        StringBuilder html = new StringBuilder("<section>\n").append(HtmlPage.heading(SCORES)).append("<p>")
                .append(Fmt.html(note)).append("</p>\n<table class=\"sortable\">\n<thead><tr><th>class</th>")
                .append("<th class=\"num\">support</th><th class=\"num\">precision</th><th class=\"num\">recall</th>")
                .append("<th class=\"num\">F1</th><th>F1 bar</th></tr></thead>\n<tbody>\n");
        for (OracleDiagnostics.ClassScore c : classes) {
            List<String> row = List.of(c.label(), Integer.toString(c.support()), Fmt.acc(c.precision()),
                    Fmt.acc(c.recall()), Fmt.acc(c.f1()));
            rows.add(row);
            html.append("<tr><td>").append(Fmt.html(c.label())).append("</td>");
            row.subList(1, row.size()).forEach(v -> html.append("<td class=\"num\">").append(Fmt.html(v))
                    .append("</td>"));
            double f1 = Double.isFinite(c.f1()) ? c.f1() : 0;
            html.append("<td><span class=\"bar\" style=\"width:").append(Fmt.coord(160 * f1))
                    .append("px\"></span></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        Table scores = new Table(List.of("class", "support", "precision", "recall", "F1"), "lrrrr", rows);
        Table confusions = confusions(d);
        html.append(HtmlPage.subheading("Top confusions")).append(confusions.html()).append("</section>\n");
        String md = "## " + Fmt.md(SCORES) + "\n\n" + Fmt.md(note) + "\n\n" + scores.markdown() + "\n### Top "
                + "confusions\n\n" + confusions.markdown() + "\n";
        return Part.of(md, html.toString());
    }

    private static Table confusions(OracleDiagnostics d) {
        List<List<String>> rows = new ArrayList<>();
        for (OracleDiagnostics.Confusion c : d.confusions()) {
            rows.add(List.of(c.gold(), c.predicted(), Integer.toString(c.count()), Fmt.pct(c.share())));
        }
        return new Table(List.of("true class", "predicted as", "words", "share of the class"), "llrr", rows);
    }

    /** Each class's top neurons and words: a table in Markdown, one {@code <details>} per class in HTML. */
    static Part neurons(RankingResult r, java.util.Set<Integer> pages) {
        List<RankingResult.ClassTop> classes = r.perClass() == null ? List.of() : r.perClass();
        Map<String, OracleDiagnostics.ClassScore> scores = new LinkedHashMap<>();
        if (r.diagnostics() != null) {
            r.diagnostics().classes().forEach(c -> scores.put(c.label(), c));
        }
        String note = "Each class's top neurons by the oracle probe's weight (whatever the ranking method). In the "
                + "class: the word types of this class whose tokens move the neuron most (mean z-score over the "
                + "training set, sign kept, token count in brackets). Fires on: the word types of any class with the "
                + "most positive (+) and most negative (−) mean z. Types seen fewer than 5 times are left out.";
        List<String> header = List.of("class", "neuron", "layer:unit", "weight", "in the class", "fires + on",
                "fires − on");
        List<List<String>> rows = new ArrayList<>();
        StringBuilder html = new StringBuilder("<section>\n").append(HtmlPage.heading(NEURONS)).append("<p>")
                .append(Fmt.html(note)).append("</p>\n");
        for (RankingResult.ClassTop c : classes) {
            List<RankingResult.NeuronWords> neurons = c.neurons() == null ? List.of() : c.neurons();
            List<List<String>> classRows = new ArrayList<>();
            for (int i = 0; i < neurons.size(); i++) {
                RankingResult.NeuronWords n = neurons.get(i);
                List<String> row = List.of(i == 0 ? String.valueOf(c.label()) : "", Integer.toString(n.neuron()),
                        n.layer() + ":" + n.unit(), Fmt.fixed(n.weight(), 4), words(n.inClass()),
                        words(n.positive()), words(n.negative()));
                rows.add(row);
                classRows.add(row.subList(1, row.size()));
            }
            OracleDiagnostics.ClassScore s = scores.get(c.label());
            String summary = c.label() + (s == null ? "" : " — F1 " + Fmt.acc(s.f1()) + ", " + s.support() + " "
                    + r.diagnostics().split() + " words") + (neurons.isEmpty() ? "" : " — top neuron "
                    + neurons.get(0).layer() + ":" + neurons.get(0).unit());
            html.append("<details>\n<summary>").append(Fmt.html(summary)).append("</summary>\n");
            if (!neurons.isEmpty() && pages.contains(neurons.get(0).neuron())) {
                RankingResult.NeuronWords top = neurons.get(0);
                html.append("<p>In context: <a href=\"").append(RankAtlas.NEURONS).append('/')
                        .append(new NeuronId(top.layer(), top.unit()).fileStem()).append(".html\">neuron ")
                        .append(top.layer()).append(':').append(top.unit()).append("</a> (top contexts, activation ")
                        .append("by class, heat-map)</p>\n");
            }
            html.append(new Table(header.subList(1, header.size()), "lrrlll", classRows).html())
                    .append("</details>\n");
        }
        html.append("</section>\n");
        String md = "## " + Fmt.md(NEURONS) + "\n\n" + Fmt.md(note) + "\n\n"
                + new Table(header, "llrrlll", rows).markdown() + "\n";
        return Part.of(md, html.toString());
    }

    /** Neurons in the top lists of two or more classes, most shared first. */
    static Section shared(RankingResult r) {
        Map<Integer, List<String>> byNeuron = new TreeMap<>();
        Map<Integer, String> names = new TreeMap<>();
        for (RankingResult.ClassTop c : r.perClass() == null ? List.<RankingResult.ClassTop>of() : r.perClass()) {
            for (RankingResult.NeuronWords n : c.neurons() == null ? List.<RankingResult.NeuronWords>of()
                    : c.neurons()) {
                byNeuron.computeIfAbsent(n.neuron(), k -> new ArrayList<>()).add(c.label());
                names.put(n.neuron(), n.layer() + ":" + n.unit());
            }
        }
        List<List<String>> rows = byNeuron.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .sorted(Comparator.comparingInt((Map.Entry<Integer, List<String>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> List.of(Integer.toString(e.getKey()), names.get(e.getKey()),
                        Integer.toString(e.getValue().size()), String.join(", ", e.getValue())))
                .collect(Collectors.toList());
        return new Section(SHARED, List.of(rows.isEmpty() ? "No neuron is among the top neurons of two classes."
                : "Neurons among the top neurons of two or more classes: one unit serving several classes."),
                rows.isEmpty() ? null : new Table(List.of("neuron", "layer:unit", "classes", "which"), "rlrl", rows));
    }

    /**
     * Units whose index recurs among the top neurons in two or more layers, most layers first: in the residual stream
     * (hidden states) unit u of every layer is the same dimension, carried up from layer to layer.
     */
    static Section units(RankingResult r) {
        Map<Integer, java.util.TreeSet<Integer>> layers = new TreeMap<>();
        Map<Integer, java.util.LinkedHashSet<String>> classes = new TreeMap<>();
        for (RankingResult.ClassTop c : r.perClass() == null ? List.<RankingResult.ClassTop>of() : r.perClass()) {
            for (RankingResult.NeuronWords n : c.neurons() == null ? List.<RankingResult.NeuronWords>of()
                    : c.neurons()) {
                layers.computeIfAbsent(n.unit(), k -> new java.util.TreeSet<>()).add(n.layer());
                classes.computeIfAbsent(n.unit(), k -> new java.util.LinkedHashSet<>()).add(c.label());
            }
        }
        List<List<String>> rows = layers.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .sorted(Comparator.comparingInt((Map.Entry<Integer, java.util.TreeSet<Integer>> e) ->
                        -e.getValue().size()).thenComparing(Map.Entry::getKey))
                .map(e -> List.of(Integer.toString(e.getKey()), e.getValue().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")), Integer.toString(classes.get(e.getKey()).size()),
                        String.join(", ", classes.get(e.getKey()))))
                .collect(Collectors.toList());
        return new Section(UNITS, List.of(rows.isEmpty() ? "No unit index is among the top neurons of two layers."
                : "Unit indices among the classes' top neurons in two or more layers. For hidden states a unit index "
                        + "names the same residual-stream dimension in every layer, so these are one direction "
                        + "read at several depths."),
                rows.isEmpty() ? null : new Table(List.of("unit", "layers", "classes", "which"), "rlrl", rows));
    }

    /** "word (+1.23, 45)" entries joined by commas; "–" for none. */
    static String words(List<RankingResult.WordScore> words) {
        if (words == null || words.isEmpty()) {
            return Fmt.MISSING;
        }
        return words.stream().limit(WORDS).map(w -> w.word() + " (" + Fmt.signed(w.z(), 2) + ", " + w.count() + ")")
                .collect(Collectors.joining(", "));
    }
}
