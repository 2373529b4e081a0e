package dev.probe.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreWriter;
import dev.probe.activations.store.TokenRow;
import dev.probe.atlas.NeuronProfile.ClassCounts;
import dev.probe.atlas.NeuronProfile.Context;
import dev.probe.atlas.NeuronProfile.QuantileContexts;
import dev.probe.atlas.NeuronProfile.WordScore;
import dev.probe.io.Json;
import dev.probe.probe.SyntheticStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers of {@link NeuronProfiler} on the hand-made {@link NeuronStores} store. */
class NeuronProfilerTest {
    private static final double SD = Math.sqrt(35);
    /** Two contexts and word types per end, min count 2, 4 bins, 3 classes, 3 words per quantile, 3 + 3 sentences. */
    private static final ProfileOptions OPTIONS = new ProfileOptions(2, 2, 4, 3, 3, 3);

    @TempDir
    static Path tmp;

    private static Path store;

    @BeforeAll
    static void write() throws ProbeException {
        store = NeuronStores.write(tmp.resolve("store"));
    }

    private static NeuronProfile profile(String neuron) throws ProbeException {
        try (ActivationStore s = ActivationStore.open(store)) {
            return NeuronProfiler.profile(s, null, List.of(NeuronId.parse(neuron)), OPTIONS).get(0);
        }
    }

    @Test
    void statisticsAndTheTopAndBottomContexts() throws Exception {
        NeuronProfile p = profile("1:0");
        assertThat(p.neuron()).isEqualTo("1:0");
        assertThat(p.column()).isEqualTo(2);
        assertThat(p.labelColumn()).isEqualTo("upos");
        assertThat(p.stats().words()).isEqualTo(20);
        assertThat(p.stats().mean()).isCloseTo(0, within(1e-12));
        assertThat(p.stats().sd()).isCloseTo(SD, within(1e-12));
        assertThat(p.stats().min()).isEqualTo(-9.5);
        assertThat(p.stats().max()).isEqualTo(9.5);
        assertThat(p.stats().constant()).isFalse();

        assertContext(p.top().get(0), 0, 1, 9.5, "NOUN");
        assertContext(p.top().get(1), 2, 1, 8.5, "NOUN");
        assertContext(p.bottom().get(0), 1, 1, -9.5, "NOUN");
        assertContext(p.bottom().get(1), 3, 1, -8.5, "NOUN");
        assertThat(p.top()).hasSize(2);
        assertThat(p.bottom()).hasSize(2);
        // sentence 3 is stored last word first; its context is rebuilt in word order
        assertThat(p.bottom().get(1).words()).containsExactly("the", "cat", "eats", "fish&<chips>", ".");
        assertThat(p.bottom().get(1).word()).isEqualTo("cat");
    }

    private static void assertContext(Context c, int sentence, int word, double activation, String label) {
        assertThat(c.sentence()).isEqualTo(sentence);
        assertThat(c.row()).isEqualTo(NeuronStores.row(sentence, word));
        assertThat(c.index()).isEqualTo(word);
        assertThat(c.words()).containsExactly(NeuronStores.WORDS[sentence]);
        assertThat(c.activation()).isEqualTo(activation);
        assertThat(c.z()).isCloseTo(activation / SD, within(1e-12));
        assertThat(c.label()).isEqualTo(label);
    }

    @Test
    void quantileValuesInterpolateTheSortedColumnAndShowTheNearestWords() throws Exception {
        NeuronProfile p = profile("1:0");
        List<QuantileContexts> q = p.quantiles();
        assertThat(q).extracting(QuantileContexts::quantile).containsExactly(0.99, 0.90, 0.50, 0.10, 0.01);
        // position q * 19 between the sorted values -9.5, -8.5, ..., 9.5
        double[] values = {9.31, 7.6, 0, -7.6, -9.31};
        double[][] shown = {{7.5, 8.5, 9.5}, {6.5, 7.5, 8.5}, {-0.5, 0.5, 1.5}, {-8.5, -7.5, -6.5},
            {-9.5, -8.5, -7.5}};
        for (int i = 0; i < q.size(); i++) {
            assertThat(q.get(i).value()).as("quantile %s", q.get(i).quantile()).isCloseTo(values[i], within(1e-9));
            assertThat(q.get(i).contexts()).extracting(Context::activation)
                    .containsExactly(shown[i][0], shown[i][1], shown[i][2]);
        }
        assertThat(q.get(2).contexts()).extracting(Context::word).containsExactly(".", "the", "barks");
    }

    @Test
    void histogramByClassHasFixedBinsAndOther() throws Exception {
        NeuronProfile.Histogram h = profile("1:0").histogram();
        assertThat(h.lo()).isEqualTo(-9.5);
        assertThat(h.hi()).isEqualTo(9.5);
        assertThat(h.bins()).isEqualTo(4);
        assertThat(h.binWidth()).isEqualTo(4.75);
        // NOUN 5 words, then DET, PUNCT and VERB with 4 each (ties by name), so VERB and ADV are "other"
        assertThat(h.classes()).extracting(ClassCounts::label)
                .containsExactly("NOUN", "DET", "PUNCT", NeuronProfiler.OTHER);
        assertThat(h.classes()).extracting(ClassCounts::words).containsExactly(5L, 4L, 4L, 7L);
        assertThat(h.classes().get(0).counts()).containsExactly(2, 0, 0, 3);
        assertThat(h.classes().get(1).counts()).containsExactly(0, 0, 3, 1);
        assertThat(h.classes().get(2).counts()).containsExactly(2, 2, 0, 0);
        assertThat(h.classes().get(3).counts()).containsExactly(1, 3, 2, 1);
    }

    @Test
    void signedTopWordsAreTheTypesWithTheLargestMeanZOfEachSign() throws Exception {
        NeuronProfile p = profile("1:0");
        assertThat(p.positiveWords()).extracting(WordScore::word).containsExactly("dog", "the");
        assertThat(p.positiveWords()).extracting(WordScore::count).containsExactly(2L, 4L);
        assertThat(p.positiveWords().get(0).meanZ()).isCloseTo(9 / SD, within(1e-12));
        assertThat(p.positiveWords().get(1).meanZ()).isCloseTo(3.5 / SD, within(1e-12));
        assertThat(p.negativeWords()).extracting(WordScore::word).containsExactly("cat", ".");
        assertThat(p.negativeWords()).extracting(WordScore::count).containsExactly(2L, 4L);
        assertThat(p.negativeWords().get(0).meanZ()).isCloseTo(-9 / SD, within(1e-12));
        assertThat(p.negativeWords().get(1).meanZ()).isCloseTo(-4.25 / SD, within(1e-12));
    }

    @Test
    void heatmapShowsTheSentencesOfTheHighestThenTheLowestWordsOnce() throws Exception {
        NeuronProfile.Heatmap h = profile("1:0").heatmap();
        assertThat(h.scale()).isEqualTo(9.5);
        assertThat(h.sentences()).extracting(NeuronProfile.HeatSentence::sentence).containsExactly(0, 2, 3, 1);
        NeuronProfile.HeatSentence s3 = h.sentences().get(2);
        assertThat(s3.words()).containsExactly(NeuronStores.WORDS[3]);
        assertThat(s3.activations()).containsExactly(6.5, -8.5, -6.5, 7.5, -7.5);
    }

    @Test
    void aConstantNeuronHasNoZScoresAndNoSignedWords() throws Exception {
        NeuronProfile p = profile("0:0");
        assertThat(p.stats().constant()).isTrue();
        assertThat(p.stats().sd()).isZero();
        assertThat(p.stats().mean()).isEqualTo(NeuronStores.CONSTANT);
        assertThat(p.top()).allSatisfy(c -> assertThat(c.z()).isNull());
        assertThat(p.positiveWords()).isEmpty();
        assertThat(p.negativeWords()).isEmpty();
        assertThat(p.histogram().bins()).isEqualTo(1);
        assertThat(p.histogram().classes()).extracting(c -> c.counts()[0]).containsExactly(5L, 4L, 4L, 7L);
        assertThat(p.quantiles()).allSatisfy(q -> assertThat(q.value()).isEqualTo(NeuronStores.CONSTANT));
        // equal activations: store order at both ends
        assertThat(p.top()).extracting(Context::row).containsExactly(0L, 1L);
        assertThat(p.bottom()).extracting(Context::row).containsExactly(0L, 1L);
        String json = Json.writer(NeuronProfile.class).writeValueAsString(p);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity").contains("\"z\": null");
    }

    @Test
    void severalNeuronsInOnePassGiveTheSameProfilesAsOneByOne() throws Exception {
        try (ActivationStore s = ActivationStore.open(store)) {
            long[] last = {-1, -1};
            List<NeuronProfile> all = NeuronProfiler.profile(s, "upos",
                    NeuronId.parseList("0:1,1:0,0:0,1:1"), OPTIONS, (done, total) -> {
                        last[0] = done;
                        last[1] = total;
                    });
            assertThat(last).containsExactly(20, 20);
            assertThat(all).extracting(NeuronProfile::neuron).containsExactly("0:1", "1:0", "0:0", "1:1");
            var writer = Json.writer(NeuronProfile.class);
            assertThat(writer.writeValueAsString(all.get(1))).isEqualTo(writer.writeValueAsString(profile("1:0")));
            assertThat(writer.writeValueAsString(all.get(2))).isEqualTo(writer.writeValueAsString(profile("0:0")));
        }
    }

    @Test
    void aNonFiniteActivationOfANeuronAskedForStopsNamingTheFileRowAndNeuron() throws Exception {
        Path dir = tmp.resolve("nan");
        try (StoreWriter w = StoreWriter.create(dir, false, 2, 2, StoreDtype.FLOAT32)) {
            w.writeRows(0, new float[] {1, 2, 3, Float.NaN}, 0, 2);
            w.commit(List.of(new TokenRow(0, 0, "a", "X"), new TokenRow(0, 1, "b", "Y")),
                    SyntheticStores.manifest(2, 1, 2, List.of(0), SyntheticStores.CONFIG, StoreDtype.FLOAT32,
                            Map.of("X", 1L, "Y", 1L)));
        }
        try (ActivationStore s = ActivationStore.open(dir)) {
            assertThat(NeuronProfiler.profile(s, null, List.of(new NeuronId(0, 0)), OPTIONS).get(0).stats().max())
                    .isEqualTo(3); // the NaN is in another column, which is not read
            assertThatThrownBy(() -> NeuronProfiler.profile(s, null, List.of(new NeuronId(0, 1)), OPTIONS))
                    .isInstanceOf(ProbeException.class).hasMessageContaining("activations.npy")
                    .hasMessageContaining("row 1 (tokens.tsv line 3), neuron 0:1 holds NaN");
        }
    }

    @Test
    void tiesGoToTheEarlierRowAtEitherEnd() {
        long[] sorted = NeuronProfiler.sortedKeys(new float[] {1, 3, 3, -2, 3, -2, 0, -0f});
        assertThat(NeuronProfiler.highest(sorted, 4)).containsExactly(1, 2, 4, 0);
        assertThat(NeuronProfiler.lowest(sorted, 4)).containsExactly(3, 5, 6, 7);
    }

    @Test
    void badNeuronSpecsAndNeuronsOutsideTheStoreAreInvalidRequests() throws Exception {
        for (String bad : new String[] {"x", "1", "1:", ":2", "-1:0", "1:2:3", "a:b", ""}) {
            assertThatThrownBy(() -> NeuronId.parse(bad)).as(bad).isInstanceOf(InvalidRequest.class)
                    .hasMessageContaining("neuron: expected LAYER:UNIT");
        }
        assertThat(NeuronId.parse("L6:17")).isEqualTo(new NeuronId(6, 17));
        assertThat(NeuronId.parseList("1:0, 0:1,1:0")).containsExactly(new NeuronId(1, 0), new NeuronId(0, 1));
        try (ActivationStore s = ActivationStore.open(store)) {
            assertThatThrownBy(() -> NeuronProfiler.profile(s, null, List.of(new NeuronId(99, 0)), OPTIONS))
                    .isInstanceOf(InvalidRequest.class)
                    .hasMessage("neuron: 99:0: layer 99 is not in the store, which holds layers [0, 1]");
            assertThatThrownBy(() -> NeuronProfiler.profile(s, null, List.of(new NeuronId(1, 2)), OPTIONS))
                    .isInstanceOf(InvalidRequest.class).hasMessageContaining("unit 2 is out of range");
            assertThatThrownBy(() -> NeuronProfiler.profile(s, "xpos", List.of(new NeuronId(1, 0)), OPTIONS))
                    .isInstanceOf(ProbeException.class).hasMessageContaining("manifest.json");
        }
    }
}
