package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Properties on seeded random weight matrices, some with zero rows, zero columns and tied values. */
class WeightRankingsPropertyTest {

    private static final int MATRICES = 200;

    @Test
    void orderingIsAPermutationWithMonotoneCutoffsMatchingTheSelectionAtEveryStep() {
        SplittableRandom random = new SplittableRandom(20201116L);
        for (int m = 0; m < MATRICES; m++) {
            float[][] w = randomWeights(random);
            int n = w[0].length;
            Ordering ordering = WeightRankings.ordering(w, WeightRankings.DEFAULT_STEP, null, 0);
            int[] order = ordering.order();
            int[] cutoffs = ordering.cutoffs();
            assertThat(order).as("matrix %d", m).containsExactlyInAnyOrder(IntStream.range(0, n).toArray());
            assertThat(cutoffs).hasSize(102);
            assertThat(cutoffs[101]).isEqualTo(n);
            for (int i = 1; i < cutoffs.length; i++) {
                assertThat(cutoffs[i]).isGreaterThanOrEqualTo(cutoffs[i - 1]);
            }
            for (int i = 0; i <= 100; i++) {
                int[] prefix = Arrays.copyOf(order, cutoffs[i]);
                assertThat(prefix).as("matrix %d step %d", m, i).containsExactlyInAnyOrder(selection(w, i / 100.0));
            }
            int[] tail = Arrays.copyOfRange(order, cutoffs[100], n);
            assertThat(tail).isSorted();
            assertThat(Arrays.stream(tail).mapToDouble(j -> maxAbs(w, j))).allMatch(v -> v == 0);
        }
    }

    @Test
    void fullMassSelectsExactlyTheNonZeroNeurons() {
        SplittableRandom random = new SplittableRandom(7);
        for (int m = 0; m < MATRICES; m++) {
            float[][] w = randomWeights(random);
            int[] nonZero = IntStream.range(0, w[0].length).filter(j -> maxAbs(w, j) > 0).toArray();
            Ordering ordering = WeightRankings.ordering(w, WeightRankings.DEFAULT_STEP, null, 0);
            int[] full = Arrays.copyOf(ordering.order(), ordering.cutoffs()[100]);
            Arrays.sort(full);
            assertThat(full).as("matrix %d", m).containsExactly(nonZero);
        }
    }

    @Test
    void randomIsDeterministicPerSeedWithExactlyCountDistinctIds() {
        for (long seed = 0; seed < 50; seed++) {
            int count = (int) (seed % 13);
            int[] a = WeightRankings.random(40, count, seed);
            assertThat(a).isEqualTo(WeightRankings.random(40, count, seed));
            assertThat(a).hasSize(count).doesNotHaveDuplicates().isSorted();
            assertThat(Arrays.stream(a)).allMatch(j -> j >= 0 && j < 40);
        }
        assertThat(WeightRankings.random(1000, 100, 1)).isNotEqualTo(WeightRankings.random(1000, 100, 2));
        assertThat(WeightRankings.random(7, 7, 3)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(WeightRankings.random(0, 0, 3)).isEmpty();
    }

    /** The union over the classes of {@link #reference}. */
    private static int[] selection(float[][] w, double p) {
        Set<Integer> union = new TreeSet<>();
        for (float[] row : w) {
            for (int j : reference(row, p)) {
                union.add(j);
            }
        }
        return union.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One class's selection written out the slow way: sort boxed ids, add weights until the target is reached. */
    private static int[] reference(float[] row, double p) {
        Comparator<Integer> byAbs = Comparator.comparingDouble(j -> Math.abs(row[j]));
        List<Integer> ids = new ArrayList<>(IntStream.range(0, row.length).boxed().toList());
        ids.sort(byAbs.reversed().thenComparing(Comparator.naturalOrder()));
        double total = 0;
        for (float v : row) {
            total += Math.abs(v);
        }
        if (total == 0) {
            return new int[0];
        }
        List<Integer> chosen = new ArrayList<>();
        double sum = 0;
        for (int j : ids) {
            chosen.add(j);
            sum += Math.abs(row[j]);
            if (sum >= p * total) {
                break;
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[][] randomWeights(SplittableRandom random) {
        int classes = random.nextInt(1, 6);
        int neurons = random.nextInt(1, 40);
        float[][] w = new float[classes][neurons];
        boolean[] deadNeuron = new boolean[neurons];
        for (int j = 0; j < neurons; j++) {
            deadNeuron[j] = random.nextInt(8) == 0;
        }
        for (int c = 0; c < classes; c++) {
            boolean deadClass = random.nextInt(10) == 0;
            for (int j = 0; j < neurons; j++) {
                if (deadClass || deadNeuron[j] || random.nextInt(5) == 0) {
                    continue;
                }
                // Quarter steps on a small range make ties common.
                w[c][j] = (float) (random.nextInt(-8, 9) / 4.0);
            }
        }
        return w;
    }

    private static float maxAbs(float[][] w, int j) {
        float max = 0;
        for (float[] row : w) {
            max = Math.max(max, Math.abs(row[j]));
        }
        return max;
    }
}
