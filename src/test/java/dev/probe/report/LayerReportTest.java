package dev.probe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.Provenance;
import dev.probe.io.Json;
import dev.probe.rank.LayerProbesResult;
import dev.probe.rank.LayerSettings;
import dev.probe.rank.LayerTable;
import dev.probe.rank.RankingResult;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The per-layer rows in the rank report and in {@code layers.html}, and in {@code ranking.json}: read back equal,
 * and absent (null) in a ranking written without them. No probe is trained here.
 */
class LayerReportTest {
    @TempDir
    Path dir;

    /** Two layers and their window, labels that need escaping, no test store, a probe that did not converge. */
    static LayerTable table(boolean control) {
        double nan = Double.NaN;
        List<LayerTable.Row> rows = List.of(
                row("layer", List.of(0), 0, 0.62, control ? 0.55 : nan, new int[] {3, 1}, SampleRankings.CONVERGED),
                row("layer", List.of(1), 8, 0.91, control ? 0.60 : nan, new int[] {12}, SampleRankings.NOT_CONVERGED),
                row("window", List.of(0, 1), 0, 0.93, control ? 0.7 : nan, new int[] {12, 3},
                        SampleRankings.CONVERGED));
        return new LayerTable(2, new LayerTable.Majority("<other>&", 0.4, 0.38, nan), rows);
    }

    private static LayerTable.Row row(String kind, List<Integer> layers, int first, double dev, double control,
            int[] minimal, dev.probe.probe.solver.Convergence c) {
        int n = layers.size() * SampleRankings.WIDTH;
        return new LayerTable.Row(kind, layers, first, n, dev, Double.NaN, control, Double.NaN, dev - control,
                new RankingResult.MinimalSet(minimal.length, minimal.length / (double) n, dev - 0.005, Double.NaN,
                        minimal), c, Double.isNaN(control) ? null : SampleRankings.CONVERGED, 0.25);
    }

    @Test
    void theRankReportHasAPerLayerSectionWithItsChart() throws Exception {
        RankingResult r = ReportWriterTest.sample().withPerLayer(table(true));
        List<Path> files = ReportWriter.write(r, dir);
        assertThat(files).contains(dir.resolve("per-layer.svg"), dir.resolve("per-layer.png"));
        Document svg = parseXml(Files.readString(dir.resolve("per-layer.svg")));
        assertThat(svg.getElementsByTagNameNS("*", "polyline").getLength()).as("probe, control, (one window: no line)")
                .isEqualTo(2);
        String html = Files.readString(dir.resolve("report.html"));
        parseXml(html);
        assertThat(html).contains("<h2 id=\"per-layer-probes\">Per-layer probes</h2>", "layers 0–1", "&lt;other&gt;&amp;", "0.9100 †");
        assertThat(html.indexOf("Per-layer probes")).as("before the inputs, with its chart")
                .isLessThan(html.indexOf("Inputs and provenance"))
                .isLessThan(html.indexOf("Dev accuracy per layer"));
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("## Per-layer probes", "![per-layer chart](per-layer.png)", "| layers 0–1 |");
    }

    @Test
    void aRankingWithoutPerLayerProbesHasNoSection() throws Exception {
        List<Path> files = ReportWriter.write(ReportWriterTest.sample(), dir);
        assertThat(files).doesNotContain(dir.resolve("per-layer.svg"));
        assertThat(dir.resolve("per-layer.svg")).doesNotExist();
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("Per-layer");
    }

    @Test
    void rankingJsonKeepsThePerLayerRowsAndReadsOlderFilesWithoutThem() throws Exception {
        RankingResult with = ReportWriterTest.sample().withPerLayer(table(false));
        RankingFiles.write(dir, with);
        RankingResult back = RankingFiles.read(dir.resolve(RankingFiles.FILE_NAME));
        assertThat(Json.writer().writeValueAsString(back)).isEqualTo(Json.writer().writeValueAsString(with));
        assertThat(back.perLayer().rows().get(0).controlDev()).isNaN();
        assertThat(Files.readString(dir.resolve(RankingFiles.FILE_NAME))).contains("\"per_layer\": {");

        RankingResult without = ReportWriterTest.sample();
        RankingFiles.write(dir, without);
        String json = Files.readString(dir.resolve(RankingFiles.FILE_NAME));
        assertThat(json).contains("\"per_layer\": null");
        Files.writeString(dir.resolve(RankingFiles.FILE_NAME), json.replace(",\n  \"per_layer\": null", ""),
                StandardCharsets.UTF_8);
        assertThat(Files.readString(dir.resolve(RankingFiles.FILE_NAME))).doesNotContain("per_layer");
        assertThat(RankingFiles.read(dir.resolve(RankingFiles.FILE_NAME)).perLayer()).isNull();
    }

    @Test
    void layersHtmlIsOneSelfContainedPage() throws Exception {
        RankingResult sample = ReportWriterTest.sample();
        LayerProbesResult r = new LayerProbesResult(LayerProbesResult.FORMAT_VERSION, new Provenance("probe", "test",
                "17", "Linux amd64", null, null, 2, "2025-01-01T00:00:00Z"), sample.inputs(),
                LayerSettings.defaults().withWindow(2), table(true), 12.5);
        String html = LayerReport.page(r);
        parseXml(html);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "majority class", "selectivity",
                "0123456789ab…", "layers 0–1").doesNotContain("src=").doesNotContain("href=\"http");
        Path file = dir.resolve(LayersStage.FILE_NAME);
        Files.writeString(file, Json.writer(LayerProbesResult.class).writeValueAsString(r), StandardCharsets.UTF_8);
        LayerProbesResult back = LayersStage.read(file);
        assertThat(back.layers().rows()).hasSize(3);
        assertThat(back.settings()).isEqualTo(r.settings());
        assertThat(back.layers().majority().test()).isNaN();
    }

    private static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text.replace("<!DOCTYPE html>", ""))));
    }
}
