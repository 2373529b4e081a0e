package dev.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.ModelChoice;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.TrainRequest;
import dev.probe.rank.RankSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage requests check their values in their constructors and name the field at fault. */
class RequestsTest {
    private static final Path IN = Path.of("in.conllu");
    private static final Path OUT = Path.of("out");

    private static String field(Runnable make) {
        try {
            make.run();
        } catch (InvalidRequest e) {
            return e.field() + ": " + e.problem();
        }
        throw new AssertionError("no InvalidRequest");
    }

    @Test
    void extractionRequestNamesEachBadField() {
        ExtractionRequest ok = ExtractionRequest.of(IN, OUT);
        assertThat(ok.layers()).isEmpty();
        assertThat(field(() -> new ExtractionRequest(IN, null, null, 1, ok.model(), List.of(), ok.point(),
                ok.aggregation(), ok.dtype(), 0, 64, OUT, false, false, 1000)))
                .isEqualTo("batchTokens: must be between 1 and 4194304, found 0");
        assertThat(field(() -> new ExtractionRequest(IN, null, null, 1, ok.model(), List.of(), ok.point(),
                ok.aggregation(), ok.dtype(), 8192, 1 << 17, OUT, false, false, 1000)))
                .isEqualTo("batchSize: must be between 1 and 65536, found 131072");
        assertThat(field(() -> ok.withLayers(List.of(3, 3)))).isEqualTo("layers: a layer is listed twice: [3, 3]");
        assertThat(field(() -> new ExtractionRequest(IN, null, null, 1, ok.model(), List.of(), ok.point(),
                ok.aggregation(), ok.dtype(), 8192, 64, OUT, true, true, 1000)))
                .isEqualTo("resume: cannot be combined with force");
        assertThat(field(() -> new ModelChoice("minilm", null, 0, null))).isEqualTo("maxTokens: must be between 1"
                + " and 1048576, found 0");
        assertThat(field(() -> new ModelChoice("minilm", null, null, 5000))).startsWith("threads: ");
    }

    @Test
    void layerListsParseOnceForTheCommandLineAndTheConfig() {
        assertThat(ExtractionRequest.layers("all")).isEmpty();
        assertThat(ExtractionRequest.layers(" 6,0-2,1 ")).containsExactly(6, 0, 1, 2);
        assertThat(field(() -> ExtractionRequest.layers("1-x"))).isEqualTo("layers: '1-x' is not a number or range"
                + " (e.g. 0,3-6)");
        assertThat(field(() -> ExtractionRequest.layers("0-2000000000")))
                .isEqualTo("layers: 2000000000 is beyond the largest allowed, 100000");
        assertThat(field(() -> ExtractionRequest.layers("3-1"))).startsWith("layers: '3-1' is not");
    }

    @Test
    void probeAndRankSettingsNameEachBadField() {
        ProbeOptions d = ProbeOptions.defaults();
        assertThat(field(() -> d.withPenalties(-1, 0))).startsWith("l1: must be a finite number between 0.0 and");
        assertThat(field(() -> d.withPenalties(0, Double.NaN))).startsWith("l2: ");
        assertThat(field(() -> new RankSettings(null, null, d, 101, null, false)))
                .isEqualTo("delta: must be a finite number between 0.0 and 100.0, found 101.0");
        assertThat(field(() -> new RankSettings(null, null, d, 1, List.of(), false))).isEqualTo("grid: the grid is"
                + " empty");
        assertThat(field(() -> new RankSettings(null, null, d, 1, List.of(0.0, -1e-3), false))).startsWith("grid: ");
        ProbeOptions regression = new ProbeOptions(ProbeOptions.Task.REGRESSION, 0.001, 0.001, d.solver(),
                d.tolerance(), d.maxIterations(), d.epochs(), d.batchSize(), d.learningRate(), d.seed(), false, 1);
        assertThat(field(() -> new RankSettings(null, null, regression, 1, null, false)))
                .isEqualTo("task: rank works on classification probes");
        assertThat(RankSettings.defaults().forTask("pos", "xpos")).isEqualTo(new RankSettings("xpos", "pos", d, 1.0,
                null, false)).isNotEqualTo(RankSettings.defaults().withLabel("xpos"));
    }

    @Test
    void trainRequestNeedsExactlyOneOfDevAndSplit() {
        ProbeOptions d = ProbeOptions.defaults();
        Path t = Path.of("t");
        assertThat(field(() -> new TrainRequest(t, null, null, null, null, null, d, false, OUT, false)))
                .startsWith("dev: give either");
        assertThat(field(() -> new TrainRequest(t, t, null, List.of(80, 20), null, null, d, false, OUT, false)))
                .startsWith("dev: give either");
        assertThat(field(() -> new TrainRequest(t, null, t, List.of(80, 20), null, null, d, false, OUT, false)))
                .startsWith("test: cannot be combined");
        assertThat(field(() -> new TrainRequest(t, null, null, List.of(80, 10), null, null, d, false, OUT, false)))
                .isEqualTo("split: needs train/dev or train/dev/test percentages summing to 100, e.g. 80/10/10,"
                        + " found [80, 10]");
        assertThat(new TrainRequest(t, null, null, List.of(80, 10, 10), "deprel", null, d, false, OUT, false).inputs())
                .containsExactly(t);
    }

    @Test
    void aLabelNamesAColumnByNameOrNumber() {
        StoreManifest.InputRef conllu = new StoreManifest.InputRef("a.conllu", "00", "conllu",
                List.of("id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc"), "xpos");
        assertThat(conllu.column(null)).isEqualTo("xpos");
        assertThat(conllu.column("DEPREL")).isEqualTo("deprel");
        assertThat(conllu.column(" 4 ")).isEqualTo("upos");
        assertThatThrownBy(() -> conllu.column("11")).hasMessage("no label column '11'; this store keeps id, form,"
                + " lemma, upos, xpos, feats, head, deprel, deps, misc");
        StoreManifest.InputRef tsv = new StoreManifest.InputRef("a.tsv", "00", "tsv", List.of("1", "2", "3"), "2");
        assertThat(tsv.column("3")).isEqualTo("3");
        assertThatThrownBy(() -> tsv.column("upos")).hasMessageContaining("this store keeps 1, 2, 3");
        assertThatThrownBy(() -> new StoreManifest.InputRef("a.tsv", "00", "tsv", List.of("1"), "2"))
                .hasMessage("default_label 2 is not among the columns [1]");
    }
}
