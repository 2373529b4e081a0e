package dev.probe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Json;
import dev.probe.model.init.RandomInit;
import dev.probe.rank.LayerDistribution;
import dev.probe.rank.RankingResult;
import dev.probe.testing.Chromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The comparison page for two models × two tasks of literal rankings. Row order (model, then task):
 * {@code bert<&>"base"} · ner {3, 9, 5}, · pos {3, 9, 12, 1}; gpt2 · ner {3, 14} on three layers (another neuron
 * space), · pos {3, 4} on the same two layers × 8 as bert (unit indices only).
 */
class ComparisonPageTest {
    static final String BERT = "bert<&>\"base\"";
    static final List<String> SECTIONS = List.of("Accuracy against neurons", "Layer distributions",
            "Overlap of minimal sets", "Rankings", "Inputs");

    @TempDir
    static Path root;
    static List<Comparison.Run> runs;
    static Comparison comparison;
    static String html;

    @BeforeAll
    static void build() throws IOException {
        runs = new ArrayList<>();
        // listed out of row order: the page sorts as the comparison does
        runs.add(run("gpt2", "pos", SampleRankings.of("gpt2", "pos", new int[] {3, 4}, List.of("NOUN"),
                new int[][] {{3}}, 0.7, Double.NaN, false, false)));
        runs.add(run(BERT, "pos", SampleRankings.of(BERT, "pos", new int[] {3, 9, 12, 1}, List.of("NOUN", "VERB"),
                new int[][] {{3, 9}, {1, 3}}, 0.9, Double.NaN, false, true)));
        runs.add(run(BERT, "ner", SampleRankings.of(BERT, "ner", new int[] {3, 9, 5}, List.of("PER", "LOC"),
                new int[][] {{3, 9}, {3, 5}}, 0.8, 0.3, true, false)));
        runs.add(run("gpt2", "ner", threeLayers(SampleRankings.of("gpt2", "ner", new int[] {3, 14}, List.of("PER"),
                new int[][] {{3}}, 0.75, 0.2, false, false))));
        comparison = Comparison.of(runs, List.of());
        html = ComparisonPage.html(comparison, runs);
    }

    /** The same ranking read from three layers of 8 (24 neurons): another neuron space. */
    static RankingResult threeLayers(RankingResult r) {
        RankingResult.Inputs in = r.inputs();
        List<Integer> layers = List.of(0, 1, 2);
        RankingResult.Inputs wider = new RankingResult.Inputs(in.model(), in.architecture(), in.configSha256(),
                in.point(), layers, in.width(), 24, in.labelColumn(), in.stores(), in.storeManifests(), in.probe());
        List<LayerDistribution.Layer> counts = LayerDistribution.of(r.minimalSet().neurons(), layers, in.width());
        double[] thirds = LayerDistribution.thirds(counts, layers);
        RankingResult.Layers l = new RankingResult.Layers(counts, LayerDistribution.entropy(counts),
                Math.log(3) / Math.log(2), thirds[0], thirds[1], thirds[2]);
        RankingResult moved = withInputs(r, wider);
        return new RankingResult(r.formatVersion(), r.tool(), wider, r.settings(), r.ordering(), r.cutoffs(),
                r.oracle(), r.minimalSet(), r.search(), r.keep(), r.curves(), l, r.perClass(), r.grid(), r.seconds(),
                moved.request());
    }

    /** {@code r} with other inputs. */
    static RankingResult withInputs(RankingResult r, RankingResult.Inputs inputs) {
        return new RankingResult(r.formatVersion(), r.tool(), inputs, r.settings(), r.ordering(), r.cutoffs(),
                r.oracle(), r.minimalSet(), r.search(), r.keep(), r.curves(), r.layers(), r.perClass(), r.grid(),
                r.seconds(), r.request());
    }

    static Comparison.Run run(String model, String task, RankingResult r) throws IOException {
        Path dir = root.resolve("runs").resolve(model.replaceAll("[^a-z0-9]", "_")).resolve(task).resolve("rank");
        Files.createDirectories(dir);
        Path file = dir.resolve("ranking.json");
        Json.writer(RankingResult.class).writeValue(file.toFile(), r);
        return new Comparison.Run(model, task, file, r);
    }

    @Test
    void pageIsWellFormedXhtmlWithEverySection() throws Exception {
        Document doc = parseXml(html);
        assertThat(text(doc, "h1").get(0)).isEqualTo("Comparison: " + BERT + ", gpt2 × ner, pos");
        assertThat(text(doc, "h2")).containsAll(SECTIONS)
                .contains(BERT + ": minimal sets between tasks", "gpt2: top neurons between classes");
        assertThat(doc.getElementsByTagNameNS("*", "svg").getLength()).isEqualTo(2);
        assertThat(html).contains("<nav class=\"toc\">", "href=\"#overlap-of-minimal-sets\"");
        // inputs: every ranking.json with its SHA-256
        for (Comparison.Run r : runs) {
            assertThat(html).contains(Fmt.html(r.file().toString()), dev.probe.io.Hashes.sha256(r.file()));
        }
    }

    @Test
    void overlapCellsAreTheJaccardOfTheMinimalSets() throws Exception {
        List<List<String>> cells = heatmap(parseXml(html));
        String b = BERT + " · ";
        assertThat(cells.get(0)).containsExactly("", b + "ner", b + "pos", "gpt2 · ner", "gpt2 · pos");
        // ner {3, 9, 5} vs pos {3, 9, 12, 1}: {3, 9} of {1, 3, 5, 9, 12} = 2/5; vs gpt2 pos {3, 4}: {3} of {3, 4, 5, 9}
        assertThat(cells.get(1)).containsExactly(b + "ner", "1.000", "0.400", "–", "0.250 †");
        // pos vs gpt2 pos: {3} of {1, 3, 4, 9, 12} = 1/5
        assertThat(cells.get(2)).containsExactly(b + "pos", "0.400", "1.000", "–", "0.200 †");
        // gpt2 ner reads three layers: no other ranking shares its neuron space
        assertThat(cells.get(3)).containsExactly("gpt2 · ner", "–", "–", "1.000", "–");
        assertThat(cells.get(4)).containsExactly("gpt2 · pos", "0.250 †", "0.200 †", "–", "1.000");
        assertThat(html).contains("different neuron spaces", "compares unit indices only");
        // coloured by the sequential scale, text colour by contrast
        int bg = ColourScale.sequential(0.4);
        assertThat(html).contains("style=\"background:" + ColourScale.css(bg) + ";color:"
                + ColourScale.css(ColourScale.text(bg)) + "\" title=\"2 common of 5 neurons\">0.400</td>");
    }

    @Test
    void nothingVisibleIsNaNAndHostileNamesAreEscaped() {
        String content = html.replaceAll("(?s)<script>.*?</script>", "");
        assertThat(content).doesNotContain("NaN", "Infinity", "<&>", "\"base\"")
                .contains("bert&lt;&amp;&gt;&quot;base&quot;");
        assertThat(html.split("<script", -1)).as("one inline script").hasSize(2);
        assertThat(content).doesNotContain("src=", "href=\"http", "url(", "@import");
    }

    @Test
    void accuracyChartHasOneSeriesPerRankingAndTheControlLevels() throws Exception {
        SvgCanvas svg = ComparisonPage.svg(ComparisonPage.charts(Comparison.sorted(runs)).get(0),
                Comparison.sorted(runs));
        Document doc = parseXml(svg.document());
        // one search curve per ranking (the bottom-level markers and levels are lines, circles and polygons)
        assertThat(doc.getElementsByTagNameNS("*", "polyline").getLength()).isEqualTo(4);
        String text = svg.document();
        assertThat(text).contains(Fmt.html(BERT) + " · ner", "gpt2 · pos", "share of all neurons (%, log scale)",
                "control task (oracle − selectivity)").doesNotContain("NaN");
    }

    @Test
    void layerPanelsShareOneScale() throws Exception {
        List<Comparison.Run> sorted = Comparison.sorted(runs);
        String svg = ComparisonPage.svg(ComparisonPage.charts(sorted).get(1), sorted).document();
        parseXml(svg);
        // one panel per ranking, titled with its minimal set's size; the largest layer count of any panel is 2
        assertThat(svg).contains(Fmt.html(BERT) + " · ner (3)", Fmt.html(BERT) + " · pos (4)", "gpt2 · ner (2)",
                "gpt2 · pos (2)", "every panel on the same scale (0 to 2)").doesNotContain("NaN");
        // bars: bert ner 2 + 1, bert pos 2 + 2, gpt2 ner 1 + 1 (of three layers), gpt2 pos 2 + 0
        assertThat(parseXml(svg).getElementsByTagNameNS("*", "rect").getLength()).isEqualTo(1 + 7);
    }

    @Test
    void aRandomWeightsTwinIsNamedFromItsStoresManifest(@TempDir Path tmp) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("stores/bert-random/train"));
        new StoreManifest(StoreManifest.FORMAT_VERSION, Provenance.now(),
                new StoreManifest.ModelRef("bert", "bert", "/models/bert", "c0", "w0", "t0",
                        new RandomInit(7, "BertPreTrainedModel._init_weights", 0.02, "prng", "abc")),
                "hidden", List.of(0, 1), 8, 16, "float32", "mean",
                new StoreManifest.InputRef("/data/train.conllu", "s0", "conllu", List.of("form", "upos"), "upos"),
                new StoreManifest.Counts(1, 1, 1, 0), new StoreManifest.Windowing(512, 255, "fake"), Map.of(), null)
                .write(store);
        RankingResult sample = SampleRankings.of("bert-random", "pos", new int[] {3, 4}, List.of("NOUN"),
                new int[][] {{3}}, 0.5, Double.NaN, false, false);
        RankingResult.Inputs in = sample.inputs();
        RankingResult twin = withInputs(sample, new RankingResult.Inputs(in.model(), in.architecture(),
                in.configSha256(), in.point(), in.layers(), in.width(), in.neurons(), in.labelColumn(),
                Map.of("train", store.toString()), in.storeManifests(), in.probe()));
        Comparison.Run bertPos = runs.get(1);
        List<Comparison.Run> pair = List.of(bertPos, run("bert-random", "pos", twin));
        assertThat(ComparisonPage.randomWeights(pair.get(1))).isTrue();
        assertThat(ComparisonPage.randomWeights(bertPos)).as("its stores are not on disk: unknown").isFalse();
        String page = ComparisonPage.html(Comparison.of(pair, List.of()), pair);
        // pos {3, 9, 12, 1} against the twin's {3, 4}: {3} of {1, 3, 4, 9, 12}
        // ("bert-random" sorts before "bert<": '-' before '<')
        assertThat(heatmap(parseXml(page)).get(2)).containsExactly(BERT + " · pos", "0.200 †", "1.000");
        assertThat(page).contains("Random weights (model.random_init in their stores): bert-random · pos.",
                "title=\"1 common of 5 neurons; unit indices of a model with trained and one with random weights\"");
    }

    @Test
    void filesAreWrittenTogetherAndReplacedOnlyWhenTheToolWroteThem(@TempDir Path out) throws Exception {
        Path md = out.resolve("cmp.md");
        Path page = ComparisonFiles.htmlBeside(md);
        ComparisonFiles.write(comparison, runs, md, page, false, List.of(root));
        List<Path> files = ComparisonFiles.pageFiles(page);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("cmp.html",
                "cmp-accuracy.svg", "cmp-accuracy.png", "cmp-layers.svg", "cmp-layers.png");
        files.forEach(f -> assertThat(f).isNotEmptyFile());
        assertThat(md).isNotEmptyFile();
        assertThat(out.resolve("cmp.json")).isNotEmptyFile();
        assertThat(Files.readString(page)).isEqualTo(html);
        BufferedImage png = ImageIO.read(files.get(2).toFile());
        assertThat(png.getWidth()).isEqualTo(ComparisonAccuracyChart.WIDTH);

        assertThatThrownBy(() -> ComparisonFiles.write(comparison, runs, md, page, false, List.of(root)))
                .isInstanceOf(ProbeException.class).hasMessageContaining("use --force");
        ComparisonFiles.write(comparison, runs, md, page, true, List.of(root));

        // a page the tool did not write is never replaced, nor are charts beside it
        Path foreign = out.resolve("mine.html");
        Files.writeString(foreign, "<html><body>my notes</body></html>");
        assertThatThrownBy(() -> ComparisonFiles.write(comparison, runs, null, foreign, true, List.of(root)))
                .isInstanceOf(ProbeException.class).hasMessageContaining("not a comparison page");
        assertThat(Files.readString(foreign)).contains("my notes");
        Path alone = out.resolve("alone.html");
        Files.writeString(out.resolve("alone-layers.png"), "not ours");
        assertThatThrownBy(() -> ComparisonFiles.write(comparison, runs, null, alone, true, List.of(root)))
                .isInstanceOf(ProbeException.class).hasMessageContaining("alone-layers.png");
        assertThat(alone).doesNotExist();
    }

    @Test
    void chromiumRendersEverySection(@TempDir Path scratch) throws Exception {
        Chromium.assumeAvailable();
        Path dir = Chromium.buildDir().resolve("comparison-sample");
        Files.createDirectories(dir);
        Path page = dir.resolve("comparison.html");
        ComparisonFiles.write(comparison, runs, null, page, true, List.of(root));
        BufferedImage image = Chromium.screenshot(page, Chromium.buildDir().resolve("comparison-screenshot.png"), 1200,
                2400, scratch);
        assertThat(Chromium.colours(image)).as("distinct colours in the screenshot").isGreaterThan(20);
        assertThat(Chromium.nonBlankBands(image, 100)).as("bands of the page with content").isGreaterThan(18);
        String dom = Chromium.dom(page, scratch);
        for (String section : SECTIONS) {
            assertThat(dom).contains(">" + section + "</h2>");
        }
        assertThat(dom.replaceAll("(?s)<script>.*?</script>", "")).contains("<svg", "<table class=\"heatmap\">",
                "bert&lt;&amp;&gt;\"base\" · ner")
                .doesNotContain("NaN");
    }

    static List<String> text(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagNameNS("*", tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** The heat-map's rows, header first, each as its cells' text. */
    static List<List<String>> heatmap(Document doc) {
        NodeList tables = doc.getElementsByTagNameNS("*", "table");
        for (int t = 0; t < tables.getLength(); t++) {
            Element table = (Element) tables.item(t);
            if ("heatmap".equals(table.getAttribute("class"))) {
                List<List<String>> rows = new ArrayList<>();
                NodeList trs = table.getElementsByTagNameNS("*", "tr");
                for (int i = 0; i < trs.getLength(); i++) {
                    List<String> row = new ArrayList<>();
                    NodeList cells = trs.item(i).getChildNodes();
                    for (int j = 0; j < cells.getLength(); j++) {
                        if (cells.item(j) instanceof Element) {
                            row.add(cells.item(j).getTextContent());
                        }
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
        throw new AssertionError("no table.heatmap in the page");
    }

    static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }
}
