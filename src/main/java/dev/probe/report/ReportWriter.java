package dev.probe.report;

import dev.probe.rank.RankingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes the report of one ranking: the two charts as SVG and PNG, {@code report.md} and a self-contained
 * {@code report.html} (inline CSS and SVG, one inline table-sorting script; no external resources).
 */
public final class ReportWriter {
    /** Chart width in pixels. */
    public static final int WIDTH = 800;
    /** Chart height in pixels. */
    public static final int HEIGHT = 480;
    /** The file stem of the per-layer chart (with per-layer probes only). */
    static final String PER_LAYER = "per-layer";

    private ReportWriter() {
    }

    /** A chart: its file stem, caption and drawing. */
    private record Chart(String name, String caption, BiConsumer<RankingResult, Canvas> draw) {
    }

    private static final List<Chart> CHARTS = List.of(
            new Chart("accuracy", "Dev accuracy against the number of neurons: keep-only ablation curves, the "
                    + "retrained search probes, the oracle and the minimal set.", AccuracyChart::draw),
            new Chart("layers", "Neurons of the minimal set per layer.", LayerChart::draw));

    /**
     * Writes {@code accuracy.svg}, {@code accuracy.png}, {@code layers.svg}, {@code layers.png}, with per-layer probes
     * {@code per-layer.svg} and {@code per-layer.png}, then {@code report.md} and {@code report.html} into {@code dir},
     * creating it if needed and replacing files of those names. The per-layer section comes before the last one.
     *
     * @return the files written, in that order
     */
    public static List<Path> write(RankingResult r, Path dir) throws IOException {
        return write(r, ReportExtras.NONE, dir);
    }

    /**
     * As {@link #write(RankingResult, Path)}, with the census section and links to the neuron pages of
     * {@code extras}.
     */
    public static List<Path> write(RankingResult r, ReportExtras extras, Path dir) throws IOException {
        if (r == null || extras == null || dir == null) {
            throw new IllegalArgumentException("ranking and directory must not be null");
        }
        Files.createDirectories(dir);
        StringBuilder figures = new StringBuilder();
        for (Chart chart : CHARTS) {
            SvgCanvas svg = new SvgCanvas(WIDTH, HEIGHT);
            chart.draw().accept(r, svg);
            Files.writeString(dir.resolve(chart.name() + ".svg"), svg.document(), StandardCharsets.UTF_8);
            try (PngCanvas png = new PngCanvas(WIDTH, HEIGHT)) {
                chart.draw().accept(r, png);
                png.write(dir.resolve(chart.name() + ".png"));
            }
            figures.append("<figure>\n").append(svg.element()).append("<figcaption>")
                    .append(Fmt.html(chart.caption())).append("</figcaption>\n</figure>\n");
        }
        List<Part> sections = ReportSections.of(r, extras);
        List<Path> files = new ArrayList<>(List.of(dir.resolve("accuracy.svg"), dir.resolve("accuracy.png"),
                dir.resolve("layers.svg"), dir.resolve("layers.png")));
        String perLayerHtml = "";
        String perLayerMarkdown = "";
        if (r.perLayer() != null) {
            double delta = r.settings() == null ? Double.NaN : r.settings().delta();
            String subtitle = AccuracyChart.subtitle(r);
            Files.writeString(dir.resolve(PER_LAYER + ".svg"), LayerReport.svg(r.perLayer(), subtitle).document(),
                    StandardCharsets.UTF_8);
            LayerReport.png(r.perLayer(), subtitle, dir.resolve(PER_LAYER + ".png"));
            files.addAll(List.of(dir.resolve(PER_LAYER + ".svg"), dir.resolve(PER_LAYER + ".png")));
            perLayerHtml = LayerReport.html(r.perLayer(), delta, subtitle);
            perLayerMarkdown = LayerReport.markdown(r.perLayer(), delta, PER_LAYER);
        }
        Files.writeString(dir.resolve("report.md"), markdown(r, sections, perLayerMarkdown), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(r, sections, figures.toString(), perLayerHtml),
                StandardCharsets.UTF_8);
        files.addAll(List.of(dir.resolve("report.md"), dir.resolve("report.html")));
        return files;
    }

    static String markdown(RankingResult r, List<Part> sections, String perLayer) {
        StringBuilder b = new StringBuilder("# ").append(Fmt.md(ReportSections.title(r))).append("\n\n");
        b.append(Fmt.md(meta(r))).append("\n\n");
        for (int i = 0; i < sections.size(); i++) {
            if (i == sections.size() - 1) {
                b.append(perLayer);
            }
            if (i == ReportSections.CHARTS_AFTER) {
                b.append("## Charts\n\n");
                for (Chart chart : CHARTS) {
                    b.append("![").append(chart.name()).append(" chart](").append(chart.name()).append(".png)\n\n")
                            .append(Fmt.md(chart.caption())).append(" Vector version: [").append(chart.name())
                            .append(".svg](").append(chart.name()).append(".svg).\n\n");
                }
            }
            b.append(sections.get(i).markdown());
        }
        return b.toString();
    }

    static String html(RankingResult r, List<Part> sections, String figures, String perLayer) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sections.size(); i++) {
            if (i == ReportSections.CHARTS_AFTER) {
                b.append("<section>\n").append(HtmlPage.heading("Charts")).append(figures).append("</section>\n");
            }
            if (i == sections.size() - 1) {
                b.append(perLayer);
            }
            b.append(sections.get(i).html());
        }
        return document(ReportSections.title(r), meta(r), b.toString());
    }

    /** A self-contained HTML document: see {@link HtmlPage#document}. */
    static String document(String title, String meta, String body) {
        return HtmlPage.document(title, meta, body);
    }

    private static String meta(RankingResult r) {
        String when = r.tool() == null ? "" : " on " + r.tool().createdAt() + " by " + r.tool().name() + " "
                + r.tool().version();
        return "From ranking.json (format " + r.formatVersion() + ")" + when + "; accuracies are fractions in [0, 1], "
                + Fmt.MISSING + " marks a value that was not measured.";
    }
}
