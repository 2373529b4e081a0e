package dev.probe.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers on six literal neurons over eight rows built from three orthogonal ±1 patterns a, b, c (Hadamard rows,
 * mean 0, so neurons built from different patterns correlate exactly 0):
 *
 * <pre>
 *   n0 = a + 0.2c      n1 = 2a + 1 (a scaled copy of a)      n2 = a − 0.35c
 *   n3 = b             n4 = −2b + 1 (anti-correlated: |r| = 1)
 *   n5 = c
 * </pre>
 *
 * By hand: r01 = 1/√1.04 = 0.9806 (d = 0.0194), r12 = 1/√1.1225 = 0.9439 (d = 0.0561), r02 = 0.93/√(1.04·1.1225) =
 * 0.8607 (d = 0.1393); n5 is at d = 0.804 from n0 and 0.670 from n2, and 1 from every other neuron. So n0 and n1 merge
 * first, and n2 joins them at 0.0561 (single), 0.0977 (average: the mean of 0.1393 and 0.0561) or 0.1393 (complete).
 */
class NeuronClusteringTest {
    private static final double[] A = {1, 1, 1, 1, -1, -1, -1, -1};
    private static final double[] B = {1, 1, -1, -1, 1, 1, -1, -1};
    private static final double[] C = {1, -1, 1, -1, 1, -1, 1, -1};

    private static CorrelationStatistics sixNeurons() {
        float[] x = new float[8 * 6];
        for (int i = 0; i < 8; i++) {
            float[] row = {(float) (A[i] + 0.2 * C[i]), (float) (2 * A[i] + 1), (float) (A[i] - 0.35 * C[i]),
                (float) B[i], (float) (-2 * B[i] + 1), (float) C[i]};
            System.arraycopy(row, 0, x, i * 6, 6);
        }
        return CorrelationStatistics.ofRows(x, 8, 6);
    }

    @Test
    void copiesAndAntiCorrelatedNeuronsFormGroupsWithTheMostCentralMemberKept() {
        CorrelationStatistics s = sixNeurons();
        assertThat(s.correlation(0, 1)).isCloseTo(1 / Math.sqrt(1.04), within(1e-6));
        assertThat(s.correlation(3, 4)).isCloseTo(-1, within(1e-12));
        assertThat(s.correlation(3, 5)).isZero();
        for (ClusterLinkage linkage : ClusterLinkage.values()) {
            NeuronClustering.Result r = NeuronClustering.cluster(s, linkage, 0.5);
            assertThat(members(r)).as("%s", linkage).containsExactly(List.of(0, 1, 2), List.of(3, 4), List.of(5));
            // mean |r| in {0,1,2}: n0 (0.9806 + 0.8607)/2 = 0.921, n1 (0.9806 + 0.9439)/2 = 0.962, n2 0.902
            assertThat(r.groups().get(0).representative()).isEqualTo(1);
            assertThat(r.groups().get(0).meanAbsCorrelation()).isCloseTo((1 / Math.sqrt(1.04)
                    + 1 / Math.sqrt(1.1225)) / 2, within(1e-6));
            assertThat(r.groups().get(1).representative()).as("a tie: the lowest id").isEqualTo(3);
            assertThat(r.groups().get(2).representative()).isEqualTo(5);
            assertThat(r.independent()).isEqualTo(3);
            assertThat(r.groupOf()).containsExactly(0, 0, 0, 1, 1, 2);
            assertThat(r.constant()).isEmpty();
        }
    }

    @Test
    void theLinkageDecidesWhereTheThirdCopyJoins() {
        CorrelationStatistics s = sixNeurons();
        // at 0.12: single (0.0561) and average (0.0977) take n2 in, complete (0.1393) does not
        assertThat(members(NeuronClustering.cluster(s, ClusterLinkage.SINGLE, 0.12)).get(0)).containsExactly(0, 1, 2);
        assertThat(members(NeuronClustering.cluster(s, ClusterLinkage.AVERAGE, 0.12)).get(0)).containsExactly(0, 1, 2);
        assertThat(members(NeuronClustering.cluster(s, ClusterLinkage.COMPLETE, 0.12))).containsExactly(List.of(0, 1),
                List.of(2), List.of(3, 4), List.of(5));
        // at 0.08 average keeps n2 out too; at 0.01 only the exact pair {3, 4} is left
        assertThat(members(NeuronClustering.cluster(s, ClusterLinkage.AVERAGE, 0.08)).get(0)).containsExactly(0, 1);
        assertThat(members(NeuronClustering.cluster(s, ClusterLinkage.AVERAGE, 0.01))).containsExactly(List.of(0),
                List.of(1), List.of(2), List.of(3, 4), List.of(5));
    }

    @Test
    void thresholdOneJoinsEverythingAndAConstantNeuronStaysApartBelowIt() {
        assertThat(NeuronClustering.cluster(sixNeurons(), ClusterLinkage.COMPLETE, 1).independent()).isEqualTo(1);
        float[] x = {1, 7, 2, 2, 7, 4, 3, 7, 6};
        CorrelationStatistics s = CorrelationStatistics.ofRows(x, 3, 3);
        NeuronClustering.Result r = NeuronClustering.cluster(s, ClusterLinkage.AVERAGE, 0.5);
        assertThat(r.constant()).containsExactly(1);
        assertThat(members(r)).containsExactly(List.of(0, 2), List.of(1));
    }

    private static List<List<Integer>> members(NeuronClustering.Result r) {
        return r.groups().stream().map(g -> java.util.Arrays.stream(g.members()).boxed().toList()).toList();
    }
}
