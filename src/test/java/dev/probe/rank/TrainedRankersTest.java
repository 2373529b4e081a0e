package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;
import dev.probe.probe.SyntheticStores;
import dev.probe.probe.TrainingStatistics;
import dev.probe.rank.stats.ClassStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answers of the rankers that train or select on the rows: on {@code blobs} data neurons 0..3 carry the class
 * (one each, by construction) and neurons 4..9 are noise, so every method must put 0..3 first.
 */
class TrainedRankersTest {
    @TempDir
    Path tmp;

    @Test
    void everyMethodPutsTheSignalNeuronsFirst() throws Exception {
        SyntheticStores.Data data = SyntheticStores.blobs(800, 10, 4, 3.0, 11);
        try (ActivationStore store = ActivationStore.open(SyntheticStores.write(tmp.resolve("s"), data,
                StoreDtype.FLOAT32))) {
            ProbeOptions options = ProbeOptions.defaults();
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(store, null, null), options);
            TrainingStatistics stats = ProbeTraining.statistics(splits, options);
            ClassStatistics classes = ClassStatistics.of(splits.train(), splits.labels().labels(), false);
            List<String> notices = new ArrayList<>();
            for (RankMethod m : new RankMethod[] {RankMethod.LASSO, RankMethod.RIDGE, RankMethod.NOREG,
                    RankMethod.GAUSSIAN}) {
                Ranker ranker = RankJob.ranker(m, 4);
                Ordering o = ranker.rank(new Ranker.Input(splits, stats, null, options, classes,
                        Ranker.Listener.of(notices::add, notices::add)));
                assertThat(o.order()).as(m.id()).hasSize(10).doesNotHaveDuplicates();
                assertThat(Arrays.copyOf(o.order(), 4)).as(m.id()).containsExactlyInAnyOrder(0, 1, 2, 3);
            }
            assertThat(notices).anyMatch(n -> n.startsWith("gaussian: neuron 4 of 4"));
        }
    }

    @Test
    void gaussianMutualInformationGrowsWithEachNeuron() throws Exception {
        // 8 classes, one signal neuron each, 40 neurons: the estimate must rise with every signal neuron chosen, and
        // stay below H(class) = 3 bits.
        SyntheticStores.Data data = SyntheticStores.blobs(800, 40, 8, 2.0, 13);
        try (ActivationStore store = ActivationStore.open(SyntheticStores.write(tmp.resolve("g"), data,
                StoreDtype.FLOAT32))) {
            ProbeOptions options = ProbeOptions.defaults();
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(store, null, null), options);
            ClassStatistics classes = ClassStatistics.of(splits.train(), splits.labels().labels(), false);
            List<Double> bits = new ArrayList<>();
            Ranker.Listener listener = new Ranker.Listener() {
                @Override
                public void stage(String line) {
                }

                @Override
                public void warning(String line) {
                }

                @Override
                public void step(int done, int total, String detail) {
                    bits.add(Double.parseDouble(detail.replaceAll(".*MI (-?[0-9.]+) bits", "$1")));
                }
            };
            Ordering o = new GaussianRanker(8).rank(new Ranker.Input(splits, null, null, options, classes, listener));
            assertThat(Arrays.copyOf(o.order(), 8)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(bits).hasSize(8).isSorted();
            assertThat(bits.get(0)).isPositive();
            assertThat(bits.get(7)).isLessThanOrEqualTo(3.0); // H(class) = log2 8
        }
    }

    @Test
    void gaussianSkipsARedundantCopy() throws Exception {
        // neuron 4 is an exact copy of neuron 0: once 0 is chosen it adds nothing, so the greedy selection takes the
        // other signal neurons before it, and the copy is not among the first four.
        SyntheticStores.Data data = SyntheticStores.blobs(800, 6, 4, 3.0, 12);
        for (float[] row : data.x()) {
            row[4] = row[0];
        }
        try (ActivationStore store = ActivationStore.open(SyntheticStores.write(tmp.resolve("c"), data,
                StoreDtype.FLOAT32))) {
            ProbeOptions options = ProbeOptions.defaults();
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(store, null, null), options);
            ClassStatistics classes = ClassStatistics.of(splits.train(), splits.labels().labels(), false);
            Ordering o = new GaussianRanker(4).rank(new Ranker.Input(splits, null, null, options, classes,
                    Ranker.Listener.of(s -> { }, s -> { })));
            int[] first = Arrays.copyOf(o.order(), 4);
            assertThat(first).contains(1, 2, 3);
            assertThat(Arrays.stream(first).filter(j -> j == 0 || j == 4).count()).isEqualTo(1);
            assertThat(o.cutoffs()).containsExactly(4, 6);
        }
    }
}
