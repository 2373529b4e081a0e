package dev.probe.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreWriter;
import dev.probe.activations.store.TokenRow;
import dev.probe.io.Json;
import dev.probe.probe.SyntheticStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.data.DataFrame;
import smile.data.vector.IntVector;
import smile.feature.selection.SumSquaresRatio;

/**
 * Known answers on a hand-made store of six sentences (37 words) and six neurons, each built to be one kind: constant
 * 0 (dead, η² undefined), a constant per word type (η² = 1), the word index (r = 1), literal noise (none), 1
 * exactly on the bigram "a b" (an n-gram detector), and the noise scaled to 10⁻³⁰ (negligible: dead). With {@code --min-count 3} the types a, b, c, d, e have groups of
 * their own, "z" (once) is pooled, and "a b" (three times) is the only frequent bigram.
 */
public class CensusTest {
    static final List<List<String>> SENTENCES = List.of(List.of("d", "c", "a", "z"), List.of("c", "c", "a", "b", "c"),
            List.of("d", "e", "e", "a", "a", "b", "b"), List.of("c", "d", "e", "c", "b", "e", "b"),
            List.of("e", "d", "c", "b", "b", "a", "a"), List.of("a", "b", "e", "a", "e", "c", "e"));
    static final double[] NOISE = {-0.1, 0.8, -0.3, -0.7, 0.4, 0.9, 0.3, 0.0, 0.1, -0.9, -0.8, 0.5, 0.2, -0.7, 2.7,
        1.0, -0.5, 0.0, -0.7, 0.4, -1.2, 0.8, -1.7, -0.4, -0.8, 1.1, 0.8, -1.4, -0.4, -0.7, 0.4, -1.4, 0.0, -0.8, 0.7,
        0.6, -0.9};
    static final Map<String, Float> TYPE_VALUE = Map.of("a", 1f, "b", 2f, "c", 3f, "d", 4f, "e", 6f, "z", 9f);
    static final CensusSettings SETTINGS = new CensusSettings(3, 0, 0.001, 0.01, 0.5, 0.1, 0.5, 7);

    @TempDir
    static Path tmp;

    static Census census;

    @BeforeAll
    static void build() throws Exception {
        Path dir = write(tmp.resolve("tiny"));
        try (ActivationStore store = ActivationStore.open(dir)) {
            census = CensusComputation.compute(store, SETTINGS, (done, total) -> { });
        }
    }

    /**
     * Writes the store: neurons 0 constant, 1 type value, 2 word index, 3 noise, 4 the "a b" bigram, 5 the noise times
     * 10⁻³⁰ (negligible).
     */
    public static Path write(Path dir) throws Exception {
        List<TokenRow> tokens = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int s = 0; s < SENTENCES.size(); s++) {
            List<String> words = SENTENCES.get(s);
            for (int w = 0; w < words.size(); w++) {
                String t = words.get(w);
                boolean ab = w > 0 && words.get(w - 1).equals("a") && t.equals("b");
                rows.add(new float[] {0, TYPE_VALUE.get(t), w, (float) NOISE[rows.size()], ab ? 1 : 0,
                    (float) (NOISE[rows.size()] * 1e-30)});
                tokens.add(new TokenRow(s, w, t, "X"));
            }
        }
        try (StoreWriter writer = StoreWriter.create(dir, false, rows.size(), 6, StoreDtype.FLOAT32)) {
            for (int i = 0; i < rows.size(); i++) {
                writer.writeRows(i, rows.get(i), 0, 1);
            }
            writer.commit(tokens, SyntheticStores.manifest(rows.size(), SENTENCES.size(), 6, List.of(0),
                    SyntheticStores.CONFIG, StoreDtype.FLOAT32, Map.of("X", (long) rows.size())));
        }
        return dir;
    }

    @Test
    void groupsPoolTheRareTypeAndKeepOnlyTheFrequentBigram() {
        Census.Groups g = census.groups();
        assertThat(g.words()).isEqualTo(37);
        assertThat(g.wordTypes()).isEqualTo(6);
        assertThat(g.frequentTypes()).isEqualTo(5);
        assertThat(g.pooledWords()).isEqualTo(1);
        assertThat(g.frequentBigrams()).isEqualTo(1);
        assertThat(g.chanceEta2()).isCloseTo(5.0 / 36, within(1e-12)); // 6 groups, 37 words
    }

    @Test
    void constantNeuronIsDeadWithUndefinedScoresAndAReason() {
        Census.Neuron n = census.neurons().get(0);
        assertThat(n.activeShare()).isZero();
        assertThat(n.dead()).isTrue();
        assertThat(n.eta2()).isNull();
        assertThat(n.omega2()).isNull();
        assertThat(n.positionR()).isNull();
        assertThat(n.undefined()).startsWith("constant");
        assertThat(n.tokenDetector() || n.ngramDetector() || n.positional()).isFalse();
    }

    @Test
    void negligibleNeuronIsDeadWithoutScoresThoughItIsActiveOnHalfTheWords() {
        Census.Neuron n = census.neurons().get(5);
        assertThat(n.activeShare()).isCloseTo(16.0 / 37, within(1e-12)); // positive noise values
        assertThat(n.dead()).isTrue();
        assertThat(n.eta2()).isNull();
        assertThat(n.positionR()).isNull();
        assertThat(n.undefined()).startsWith("negligible");
        assertThat(n.tokenDetector() || n.ngramDetector() || n.positional()).isFalse();
    }

    @Test
    void typeConstantNeuronIsATokenDetectorWithEtaSquaredOne() {
        Census.Neuron n = census.neurons().get(1);
        assertThat(n.eta2()).isCloseTo(1.0, within(1e-12));
        assertThat(n.eta2Permuted()).isLessThan(0.9);
        assertThat(n.omega2()).isCloseTo(1.0, within(1e-12));
        assertThat(n.tokenDetector()).isTrue();
        assertThat(n.ngramDetector()).isFalse(); // bigrams add nothing to a perfect type code
        assertThat(n.positional()).isFalse();
        assertThat(n.dead()).isFalse();
        assertThat(n.activeShare()).isEqualTo(1.0);
        assertThat(n.topWord()).isEqualTo("e"); // z (9) is pooled, so e (6) is the top frequent type
        assertThat(n.topWordMean()).isEqualTo(6.0);
    }

    @Test
    void wordIndexNeuronIsPositionalWithROne() {
        Census.Neuron n = census.neurons().get(2);
        assertThat(n.positionR()).isCloseTo(1.0, within(1e-12));
        assertThat(n.positional()).isTrue();
        assertThat(n.eta2()).isCloseTo(0.2784782182103611, within(1e-12)); // numpy on the same groups
        assertThat(n.tokenDetector()).isFalse();
        assertThat(n.ngramDetector()).isFalse();
        assertThat(n.activeShare()).isCloseTo(31.0 / 37, within(1e-12)); // index 0 is not above 0
    }

    @Test
    void noiseNeuronIsNoneOfTheKinds() {
        Census.Neuron n = census.neurons().get(3);
        // numpy on float64 values; the store keeps float32, hence the tolerance
        assertThat(n.eta2()).isCloseTo(0.13019474290099772, within(1e-6));
        assertThat(n.omega2()).isCloseTo(-0.00982087129303572, within(1e-6));
        assertThat(n.bigramEta2()).isCloseTo(0.18816992837042723, within(1e-6));
        assertThat(n.positionR()).isCloseTo(0.035274318714601884, within(1e-6));
        assertThat(n.lengthR()).isCloseTo(-0.11806341020792004, within(1e-6));
        assertThat(n.dead() || n.tokenDetector() || n.ngramDetector() || n.positional()).isFalse();
    }

    @Test
    void bigramNeuronIsAnNgramDetectorAndItsEtaSquaredMatchesAHandComputation() {
        Census.Neuron n = census.neurons().get(4);
        // 1 on the 3 "a b" words, 0 on the other 34: SST = 3 − 3²/37; all three are among the 8 b's, so
        // SSB by word type = 8·(3/8)² − 3²/37 = 9/8 − 9/37.
        double sst = 3 - 9.0 / 37;
        double ssb = 9.0 / 8 - 9.0 / 37;
        assertThat(n.eta2()).isCloseTo(ssb / sst, within(1e-12));
        assertThat(n.bigramEta2()).isCloseTo(1.0, within(1e-12));
        double msw = (sst - ssb) / (37 - 6);
        assertThat(n.omega2()).isCloseTo((ssb - 5 * msw) / (sst + msw), within(1e-12));
        assertThat(n.ngramDetector()).isTrue();
        assertThat(n.tokenDetector()).isFalse();
        assertThat(n.positional()).isFalse();
        assertThat(n.topBigram()).isEqualTo("a b");
        assertThat(n.topBigramMean()).isEqualTo(1.0);
        assertThat(n.rarelyActive()).isFalse(); // active on 3 / 37 words
    }

    @Test
    void layerSummaryAndTopListsCountEachKindOnce() {
        assertThat(census.layers()).hasSize(1);
        Census.Layer l = census.layers().get(0);
        assertThat(List.of(l.neurons(), l.dead(), l.constant(), l.tokenDetectors(), l.ngramDetectors(),
                l.positional())).containsExactly(6, 2, 2, 1, 1, 1);
        assertThat(l.meanAbsR()).isNotNull();
        assertThat(census.top().token().get(0).name()).isEqualTo("L0:1");
        assertThat(census.top().token().get(0).word()).isEqualTo("e");
        assertThat(census.top().ngram().get(0).name()).isEqualTo("L0:4");
        assertThat(census.top().positional().get(0).name()).isEqualTo("L0:2");
        assertThat(census.top().dead().get(0).name()).isEqualTo("L0:0");
        assertThat(census.top().token()).hasSize(4); // the constant neuron has no η²
        assertThat(census.histogram().eta2()[9]).isEqualTo(1); // the type neuron
    }

    @Test
    void jsonHasNoNaNAndNullsForTheUndefined() throws Exception {
        String json = Json.writer(Census.class).writeValueAsString(census);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity").contains("\"eta2\": null")
                .contains("\"top_bigram\": \"a b\"");
    }

    /** η² is SSB / SST and Smile's SumSquaresRatio is SSB / SSW on the same groups: η² = ratio / (1 + ratio). */
    @Test
    void etaSquaredAgreesWithSmilesSumSquaresRatio() {
        int n = NOISE.length;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        List<String> types = List.of("z", "a", "b", "c", "d", "e"); // z alone is the pooled group
        int i = 0;
        for (List<String> words : SENTENCES) {
            for (int w = 0; w < words.size(); w++) {
                x[i] = new double[] {w, (float) NOISE[i],
                    w > 0 && words.get(w - 1).equals("a") && words.get(w).equals("b") ? 1 : 0};
                y[i++] = types.indexOf(words.get(w));
            }
        }
        DataFrame df = DataFrame.of(x, "pos", "noise", "ab").merge(IntVector.of("y", y));
        SumSquaresRatio[] smile = SumSquaresRatio.fit(df, "y");
        int[] neurons = {2, 3, 4};
        for (int k = 0; k < 3; k++) {
            double ratio = smile[k].ssr;
            assertThat(census.neurons().get(neurons[k]).eta2()).as(smile[k].feature)
                    .isCloseTo(ratio / (1 + ratio), within(1e-9));
        }
    }

    @Test
    void mergingTwoHalvesGivesTheSumsOfTheWhole() throws Exception {
        try (ActivationStore store = ActivationStore.open(tmp.resolve("tiny"))) {
            WordGroups g = WordGroups.of(store.tokens(), 3, 7);
            float[] all = new float[37 * 6];
            store.matrix().readRows(0, 37, all);
            double[] shift = {0, 4, 0, -0.1, 0, 0};
            CensusStatistics whole = new CensusStatistics(shift, g.unigramGroups(), g.bigramGroups(), 0);
            whole.add(all, 37, 0, g);
            CensusStatistics a = new CensusStatistics(shift, g.unigramGroups(), g.bigramGroups(), 0);
            CensusStatistics b = new CensusStatistics(shift, g.unigramGroups(), g.bigramGroups(), 0);
            a.add(all, 20, 0, g);
            b.add(java.util.Arrays.copyOfRange(all, 20 * 6, 37 * 6), 17, 20, g);
            a.merge(b);
            assertThat(a.rows()).isEqualTo(37);
            assertThat(a.sumSq).containsExactly(whole.sumSq, within(1e-9));
            assertThat(a.bigram).containsExactly(whole.bigram, within(1e-9));
            assertThat(a.active).containsExactly(whole.active);
            CensusStatistics other = new CensusStatistics(new double[6], g.unigramGroups(), g.bigramGroups(), 0);
            assertThatThrownBy(() -> a.merge(other)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
