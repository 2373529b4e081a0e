package dev.probe.rank.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeData;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.SyntheticStores;
import dev.probe.rank.RankMethod;
import dev.probe.rank.StatisticRanker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics from a store, merged from shards, and on disk. */
class ClassStatisticsTest {
    @TempDir
    Path tmp;

    @Test
    void statisticsOfTwoShardsMergeToThoseOfTheWholeStore() throws Exception {
        SyntheticStores.Data data = SyntheticStores.blobs(1001, 12, 4, 2.0, 5);
        try (ActivationStore store = ActivationStore.open(SyntheticStores.write(tmp.resolve("s"), data,
                StoreDtype.FLOAT32))) {
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(store, null, null), ProbeOptions.defaults());
            ProbeData all = splits.train();
            ClassStatistics whole = ClassStatistics.of(all, splits.labels().labels(), true);
            int cut = 377; // not a multiple of the read block
            ProbeData first = part(all, 0, cut);
            ProbeData second = part(all, cut, all.size());
            ClassStatistics merged = ClassStatistics.of(first, splits.labels().labels(), true)
                    .merge(ClassStatistics.of(second, splits.labels().labels(), true));
            assertThat(merged.total()).isEqualTo(whole.total()).isEqualTo(1001);
            for (int c = 0; c < whole.classes(); c++) {
                assertThat(merged.count(c)).isEqualTo(whole.count(c));
                for (int j = 0; j < whole.neurons(); j++) {
                    assertThat(merged.sum(c, j)).isCloseTo(whole.sum(c, j), within(1e-12 * (1 + Math.abs(whole.sum(c, j)))));
                    assertThat(merged.sumSq(c, j)).isCloseTo(whole.sumSq(c, j), within(1e-12 * whole.sumSq(c, j)));
                    assertThat(merged.min(c, j)).isEqualTo(whole.min(c, j));
                    assertThat(merged.max(c, j)).isEqualTo(whole.max(c, j));
                    for (int b = 0; b < ActivationBins.BINS; b++) {
                        assertThat(merged.binCount(c, j, b)).isEqualTo(whole.binCount(c, j, b));
                    }
                }
            }
            for (RankMethod m : new RankMethod[] {RankMethod.PROBELESS, RankMethod.SELECTIVITY, RankMethod.IOU,
                    RankMethod.AP, RankMethod.ANOVA}) {
                StatisticRanker r = new StatisticRanker(m);
                assertThat(r.rank(merged).order()).as(m.id()).containsExactly(r.rank(whole).order());
                // the signal neurons 0..3 (one per class) lead every statistic ordering
                assertThat(Arrays.copyOf(r.rank(whole).order(), 4)).as(m.id()).containsExactlyInAnyOrder(0, 1, 2, 3);
            }
        }
    }

    @Test
    void filesRoundTripBitForBit() throws Exception {
        ClassStatistics s = ClassStatistics.of(new float[][] {{1, -2.5f}, {0.25f, 7}, {3, 1e-3f}}, new int[] {0, 1, 0},
                java.util.List.of("A", "B"), true);
        StatisticsFiles.write(tmp, s, java.util.Map.of("store", "/x"), "xpos");
        assertThat(StatisticsFiles.read(tmp)).isEqualTo(s);
        ClassStatistics plain = ClassStatistics.of(new float[][] {{1, 2}}, new int[] {0}, java.util.List.of("A"), false);
        Path other = Files.createDirectory(tmp.resolve("plain"));
        StatisticsFiles.write(other, plain, java.util.Map.of(), "xpos");
        assertThat(StatisticsFiles.read(other)).isEqualTo(plain);
        assertThat(other.resolve(StatisticsFiles.HISTOGRAMS)).doesNotExist();
    }

    @Test
    void truncatedOrMismatchedFilesAreRefusedNamingTheFile() throws Exception {
        ClassStatistics s = ClassStatistics.of(new float[][] {{1, 2}, {3, 4}}, new int[] {0, 1},
                java.util.List.of("A", "B"), false);
        StatisticsFiles.write(tmp, s, java.util.Map.of(), "xpos");
        Path values = tmp.resolve(StatisticsFiles.VALUES);
        byte[] bytes = Files.readAllBytes(values);
        Files.write(values, Arrays.copyOf(bytes, bytes.length - 8));
        assertThatThrownBy(() -> StatisticsFiles.read(tmp)).isInstanceOf(ProbeException.class)
                .hasMessageContaining(StatisticsFiles.VALUES);
        Files.writeString(tmp.resolve(StatisticsFiles.JSON), "{\"formatVersion\": 1, \"labels\": [\"A\"], "
                + "\"counts\": [1, 2], \"neurons\": 2}");
        assertThatThrownBy(() -> StatisticsFiles.read(tmp)).isInstanceOf(ProbeException.class)
                .hasMessageContaining(StatisticsFiles.JSON);
    }

    @Test
    void mergingDifferentClassesIsRefused() {
        ClassStatistics a = ClassStatistics.of(new float[][] {{1}}, new int[] {0}, java.util.List.of("A"), false);
        ClassStatistics b = ClassStatistics.of(new float[][] {{1}}, new int[] {0}, java.util.List.of("B"), false);
        assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsOfABlockAreGroupedByClassWithoutUnseenOnes() {
        int[] classes = {9, 2, -1, 0, 2, 0};
        // the block is classes[1..5]: 2, unseen, 0, 2, 0 → class 0's rows 2 and 4, then class 2's rows 0 and 3
        assertThat(ClassStatistics.byClass(classes, 1, 5)).containsExactly(2, 4, 0, 3);
        assertThat(ClassStatistics.byClass(classes, 2, 1)).isEmpty();
    }

    private static ProbeData part(ProbeData all, int from, int to) {
        return new ProbeData(all.name(), all.matrix(), Arrays.copyOfRange(all.rows(), from, to),
                Arrays.copyOfRange(all.classes(), from, to), null);
    }
}
