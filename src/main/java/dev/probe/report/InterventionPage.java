package dev.probe.report;

import dev.probe.intervene.Effect;
import dev.probe.intervene.InterventionReport;
import dev.probe.intervene.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An intervention as report parts: the headline chart (last probed layer's accuracy drop against the number of
 * neurons changed, selected vs random), the effects table, the per-class drops, the probes and the sets. Shared by
 * {@code intervention.html} and the rank report of a pipeline run.
 */
final class InterventionPage {
    static final String TITLE = "Interventions";

    private InterventionPage() {
    }

    /** The layer whose probe heads the report: the highest probed layer. */
    static Integer headlineLayer(InterventionReport r) {
        return r.probes().stream().map(InterventionReport.ProbeRef::layer).filter(Objects::nonNull)
                .max(Integer::compare).orElse(null);
    }

    /** The overall effects of the headline measure, one per set. */
    static List<Effect> headline(InterventionReport r) {
        Integer layer = headlineLayer(r);
        return r.effects().stream().filter(e -> e.label() == null && Measure.PROBE_ACCURACY.equals(e.measure())
                && Objects.equals(layer, e.layer())).toList();
    }

    /** The headline chart as SVG. */
    static SvgCanvas svg(InterventionReport r) {
        SvgCanvas svg = new SvgCanvas(ReportWriter.WIDTH, ReportWriter.HEIGHT);
        InterventionChart.draw(headline(r), "layer " + headlineLayer(r) + " " + Measure.PROBE_ACCURACY,
                subtitle(r), svg);
        return svg;
    }

    /** The headline chart as PNG. */
    static void png(InterventionReport r, java.nio.file.Path file) throws java.io.IOException {
        try (PngCanvas png = new PngCanvas(ReportWriter.WIDTH, ReportWriter.HEIGHT)) {
            InterventionChart.draw(headline(r), "layer " + headlineLayer(r) + " " + Measure.PROBE_ACCURACY,
                    subtitle(r), png);
            png.write(file);
        }
    }

    private static String subtitle(InterventionReport r) {
        return r.inputs().model() + " · " + r.inputs().labelColumn() + " · " + r.inputs().point() + " · "
                + r.settings().mode();
    }

    /** The parts in page order; the chart goes after the first part's notes. */
    static List<Part> parts(InterventionReport r) {
        List<Part> parts = new ArrayList<>();
        parts.add(effects(r));
        parts.add(perClass(r));
        parts.add(probes(r));
        parts.add(sets(r));
        return parts;
    }

    /**
     * The parts a ranking report shows for its ablation ({@code probe rank --ablate}): the effects with the chart and
     * a link to the full page, and the per-class drops.
     *
     * @param folder the ablation's folder inside the rank folder
     */
    static List<Part> rankParts(InterventionReport r, String folder) {
        Part effects = effects(r);
        String caption = "The layer-" + headlineLayer(r) + " probe's accuracy drop for each set against the matched"
                + " random sets (mean ± sd).";
        String markdown = effects.markdown().stripTrailing() + "\n\n![" + caption + "](" + folder
                + "/intervention.png)\n\nAll measures, probes and sets: [" + folder + "/intervention.html](" + folder
                + "/intervention.html)\n";
        String html = effects.html();
        int end = html.lastIndexOf("</section>");
        html = html.substring(0, end) + "<figure>\n" + svg(r).element() + "<figcaption>" + Fmt.html(caption)
                + "</figcaption></figure>\n<p>All measures, probes and sets: <a href=\"" + Fmt.html(folder)
                + "/intervention.html\">" + Fmt.html(folder) + "/intervention.html</a></p>\n" + html.substring(end);
        return List.of(Part.of(markdown, html), perClass(r));
    }

    private static Section effects(InterventionReport r) {
        InterventionReport.Settings s = r.settings();
        String how = switch (s.mode()) {
            case "zero" -> "set to 0";
            case "mean" -> "set to their training mean";
            default -> "moved by β·(μ(" + s.shiftTo() + ") − μ(" + s.shiftFrom() + ")), β = " + Fmt.num(s.beta());
        };
        List<String> notes = List.of("The neurons of each set were " + how + " at every token inside the forward pass,"
                + " so later layers saw the change; each set is compared with " + s.randomSets() + " matched random"
                + " sets (as many neurons from each layer, seeds in the sets table). Drops are unedited minus edited"
                + " (larger = more damage); output changes are 1 − cos and L2 distances of the last hidden state, word"
                + " by word, and 1 − cos of the mean-pooled sequence embeddings. z = (value − random mean) / random sd.",
                s.lmHead() ? "The LM head's measures are the probability of, and top-1 accuracy on, the actual token."
                        : "The checkpoint has no language-modelling head: no LM measure.");
        List<List<String>> rows = new ArrayList<>();
        for (Effect e : r.effects()) {
            if (e.label() == null) {
                rows.add(List.of(e.set(), Integer.toString(e.neurons()), e.measure(), layer(e), Fmt.signed(e.value(),
                        4), Fmt.signed(e.randomMean(), 4), Fmt.fixed(e.randomSd(), 4), Fmt.signed(e.z(), 1)));
            }
        }
        return new Section(TITLE, notes, new Table(List.of("set", "neurons", "measure", "layer", "value",
                "random mean", "random sd", "z"), "lrllrrrr", rows));
    }

    private static Section perClass(InterventionReport r) {
        Integer layer = headlineLayer(r);
        List<List<String>> rows = new ArrayList<>();
        for (Effect e : r.effects()) {
            if (e.label() != null && Measure.PROBE_ACCURACY.equals(e.measure()) && Objects.equals(layer, e.layer())) {
                rows.add(List.of(e.label(), e.set(), Fmt.signed(e.value(), 4), Fmt.signed(e.randomMean(), 4),
                        Fmt.fixed(e.randomSd(), 4), Fmt.signed(e.z(), 1)));
            }
        }
        return new Section("Accuracy drop per class, layer " + layer, List.of("The accuracy of the layer-" + layer
                + " probe on each class's dev words, unedited minus edited."), new Table(List.of("class", "set",
                "value", "random mean", "random sd", "z"), "llrrrr", rows));
    }

    private static Section probes(InterventionReport r) {
        List<List<String>> rows = r.probes().stream().map(p -> List.of(p.name(), Integer.toString(p.neurons()),
                Fmt.acc(p.accuracy()))).toList();
        return new Section("Probes", List.of("Trained on the unmodified training store with the ranking's settings;"
                + " accuracy on the dev words of the unedited pass."), new Table(List.of("probe", "neurons",
                "unedited accuracy"), "lrr", rows));
    }

    private static Section sets(InterventionReport r) {
        List<List<String>> rows = r.sets().stream().map(s -> List.of(s.spec(), Integer.toString(s.neurons().length),
                s.perLayer().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")),
                java.util.Arrays.stream(s.randomSeeds()).mapToObj(Long::toString).collect(Collectors.joining(" "))))
                .toList();
        return new Section("Neuron sets", List.of(), new Table(List.of("set", "neurons", "per layer",
                "random seeds"), "lrll", rows));
    }

    private static String layer(Effect e) {
        return e.layer() == null ? "all" : e.layer().toString();
    }

    /** The standalone {@code intervention.html}. */
    static String page(InterventionReport r) {
        StringBuilder body = new StringBuilder();
        List<Part> parts = parts(r);
        String first = parts.get(0).html();
        int table = first.indexOf("<table");
        body.append(first, 0, table).append("<figure>\n").append(svg(r).element()).append("<figcaption>")
                .append(Fmt.html("The layer-" + headlineLayer(r) + " probe's accuracy drop for each set against the"
                        + " number of neurons changed, and the same for its matched random sets (mean ± 1 sd)."))
                .append("</figcaption>\n</figure>\n").append(first.substring(table));
        for (int i = 1; i < parts.size(); i++) {
            body.append(parts.get(i).html());
        }
        InterventionReport.Inputs in = r.inputs();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ranking", in.ranking() + "  sha256 " + Fmt.cut(in.rankingSha256(), 13)));
        rows.add(List.of("training store", in.train() + "  manifest " + Fmt.cut(in.trainManifestSha256(), 13)));
        rows.add(List.of("dev store", in.dev() + "  manifest " + Fmt.cut(in.devManifestSha256(), 13)));
        rows.add(List.of("model", in.model() + " (" + in.architecture() + ", weights "
                + Fmt.cut(String.valueOf(in.weightsSha256()), 13) + ")"));
        rows.add(List.of("point, layers", in.point() + ", " + in.layers() + " × " + in.width()));
        rows.add(List.of("dev words per pass", Integer.toString(in.words())));
        rows.add(List.of("written by", r.tool().name() + " " + r.tool().version() + " on Java " + r.tool().java()));
        r.seconds().forEach((k, v) -> rows.add(List.of("seconds: " + k, Fmt.fixed(v, 1))));
        body.append(new Section("Inputs and provenance", List.of(), new Table(List.of("item", "value"), "ll", rows))
                .html());
        return ReportWriter.document("Interventions: " + in.model() + " · " + in.labelColumn(), "From intervention.json"
                + " (format " + r.formatVersion() + "); " + Fmt.MISSING + " marks a value that was not measured.",
                body.toString());
    }
}
