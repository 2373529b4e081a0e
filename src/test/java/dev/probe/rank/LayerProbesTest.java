package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.SyntheticStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers on hand-made stores of four layers × four neurons where only layer 2 carries the label: class c
 * (C0 : C1 : C2 = 5 : 3 : 2 by construction) shifts neuron 8 + c by five standard deviations, every other neuron is
 * N(0, 1) noise. So layer 2's probe is near perfect, the other layers' probes do no better than always saying C0 (0.5
 * on dev exactly), every window holding layer 2 is near perfect, and layer 2's minimal set holds only signal neurons.
 */
class LayerProbesTest {
    private static final List<Integer> LAYERS = List.of(0, 1, 2, 3);
    private static final int WIDTH = 4;
    private static final int SIGNAL_LAYER = 2;

    @TempDir
    static Path tmp;

    private static LayerProbesResult result;

    @BeforeAll
    static void compute() throws ProbeException {
        Path train = SyntheticStores.write(tmp.resolve("train"), data(600, 1), StoreDtype.FLOAT32, LAYERS,
                SyntheticStores.CONFIG);
        Path dev = SyntheticStores.write(tmp.resolve("dev"), data(300, 2), StoreDtype.FLOAT32, LAYERS,
                SyntheticStores.CONFIG);
        LayerSettings settings = new LayerSettings(null, ProbeOptions.defaults(), 1.0, 2, true);
        result = LayerProbes.compute(new LayerProbesRequest(train, dev, null, settings, tmp.resolve("out"), false),
                stage -> { }, warning -> { });
    }

    /** Rows with class 0, 1, 2 in the ratio 5 : 3 : 2 (exactly, every ten rows); neuron 8 + c carries class c. */
    private static SyntheticStores.Data data(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int neurons = LAYERS.size() * WIDTH;
        float[][] x = new float[rows][neurons];
        List<String> labels = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int c = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
            for (int j = 0; j < neurons; j++) {
                x[i][j] = (float) gaussian(random);
            }
            x[i][SIGNAL_LAYER * WIDTH + c] += 5;
            labels.add("C" + c);
            tokens.add("w" + random.nextInt(100));
        }
        return new SyntheticStores.Data(x, labels, tokens);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void theMajorityBaselineIsTheMostFrequentTrainingClass() {
        LayerTable.Majority m = result.layers().majority();
        assertThat(m.label()).isEqualTo("C0");
        assertThat(m.train()).isEqualTo(0.5);
        assertThat(m.dev()).isEqualTo(0.5);
        assertThat(m.test()).isNaN();
    }

    @Test
    void onlyTheLayerThatCarriesTheLabelBeatsTheMajority() {
        List<LayerTable.Row> rows = result.layers().rows();
        assertThat(rows).extracting(LayerTable.Row::name).containsExactly("layer 0", "layer 1", "layer 2", "layer 3",
                "layers 0–1", "layers 1–2", "layers 2–3");
        for (int i = 0; i < LAYERS.size(); i++) {
            LayerTable.Row row = rows.get(i);
            assertThat(row.kind()).isEqualTo("layer");
            assertThat(row.firstNeuron()).isEqualTo(i * WIDTH);
            assertThat(row.neurons()).isEqualTo(WIDTH);
            assertThat(row.test()).isNaN();
            assertThat(row.convergence().converged()).isTrue();
            if (i == SIGNAL_LAYER) {
                assertThat(row.dev()).as(row.name()).isGreaterThan(0.98);
                assertThat(row.selectivity()).as(row.name()).isGreaterThan(0.3);
            } else {
                assertThat(row.dev()).as(row.name()).isCloseTo(0.5, within(0.05));
                assertThat(row.selectivity()).as(row.name()).isCloseTo(0.0, within(0.1));
            }
            assertThat(row.selectivity()).isEqualTo(row.dev() - row.controlDev());
        }
        assertThat(rows.get(4).dev()).as("layers 0–1").isCloseTo(0.5, within(0.05));
        assertThat(rows.get(5).dev()).as("layers 1–2").isGreaterThan(0.98);
        assertThat(rows.get(6).dev()).as("layers 2–3").isGreaterThan(0.98);
        assertThat(rows.get(5).firstNeuron()).isEqualTo(WIDTH);
        assertThat(rows.get(5).neurons()).isEqualTo(2 * WIDTH);
    }

    @Test
    void theSignalLayersMinimalSetHoldsOnlySignalNeuronsWithinDelta() {
        LayerTable.Row row = result.layers().rows().get(SIGNAL_LAYER);
        RankingResult.MinimalSet minimal = row.minimalSet();
        assertThat(minimal.size()).isBetween(1, 3).isEqualTo(minimal.neurons().length);
        assertThat(Arrays.stream(minimal.neurons()).boxed().toList()).isSubsetOf(8, 9, 10);
        assertThat(minimal.fraction()).isEqualTo(minimal.size() / (double) WIDTH);
        assertThat(minimal.dev()).isGreaterThanOrEqualTo(row.dev() - 0.01);
        for (LayerTable.Row r : result.layers().rows()) {
            assertThat(Arrays.stream(r.minimalSet().neurons()).boxed().toList()).allMatch(n -> n >= r.firstNeuron()
                    && n < r.firstNeuron() + r.neurons());
        }
    }

    @Test
    void theInputsNameTheStoresAndTheirManifestDigests() {
        assertThat(result.inputs().layers()).isEqualTo(LAYERS);
        assertThat(result.inputs().storeManifests()).containsOnlyKeys("train", "dev");
        assertThat(result.inputs().storeManifests().get("train")).hasSize(64);
        assertThat(result.tool()).isNotNull();
        assertThat(result.settings().window()).isEqualTo(2);
    }

    @Test
    void aWindowWiderThanTheStoresIsRefusedNamingTheManifest() {
        LayerProbesRequest request = new LayerProbesRequest(tmp.resolve("train"), tmp.resolve("dev"), null,
                LayerSettings.defaults().withWindow(5), tmp.resolve("wide"), false);
        assertThatThrownBy(() -> LayerProbes.compute(request, s -> { }, w -> { }))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining(tmp.resolve("train").resolve("manifest.json").toString())
                .hasMessageContaining("--window 5 is wider than the 4 layers");
    }

    @Test
    void aWindowOfOneLayerIsAnInvalidRequest() {
        assertThatThrownBy(() -> LayerSettings.defaults().withWindow(1)).isInstanceOf(InvalidRequest.class)
                .extracting(e -> ((InvalidRequest) e).field()).isEqualTo("window");
        assertThatThrownBy(() -> new PerLayer(0)).isInstanceOf(InvalidRequest.class);
    }
}
