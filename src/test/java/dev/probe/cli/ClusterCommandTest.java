package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.io.Hashes;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe cluster} end to end on the embedded MiniLM (the first EWT sample sentences), and its bad inputs. */
class ClusterCommandTest {
    @TempDir
    static Path tmp;

    private static Path store;

    @BeforeAll
    static void extract() throws IOException {
        store = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 40);
    }

    @Test
    void clustersEveryNeuronOfTheStoreIntoGroupsWithOneRepresentativeEach() throws Exception {
        Path out = tmp.resolve("clusters");
        CliRun run = CliRun.run("cluster", "-q", store.toString(), "--threshold", "0.3", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("independent").contains("redundant_groups");
        JsonNode r = new ObjectMapper().readTree(out.resolve("clusters.json").toFile());
        assertThat(r.path("format_version").asInt()).isEqualTo(1);
        assertThat(r.path("tool").path("name").asText()).isEqualTo("probe");
        assertThat(r.path("store").path("manifest_sha256").asText())
                .isEqualTo(Hashes.sha256(store.resolve("manifest.json")));
        assertThat(r.path("linkage").asText()).isEqualTo("average");
        assertThat(r.path("threshold").asDouble()).isEqualTo(0.3);
        assertThat(r.path("neurons").asInt()).isEqualTo(2688);
        JsonNode groups = r.path("groups");
        assertThat(r.path("independent").asInt()).isEqualTo(groups.size()).isBetween(2, 2688);
        Set<Integer> seen = new HashSet<>();
        int redundant = 0;
        for (JsonNode g : groups) {
            List<Integer> ids = new ArrayList<>();
            g.path("member_ids").forEach(id -> ids.add(id.asInt()));
            assertThat(g.path("size").asInt()).isEqualTo(ids.size()).isEqualTo(g.path("members").size());
            assertThat(ids).contains(g.path("representative_id").asInt());
            assertThat(g.path("members").toString()).contains("\"" + g.path("representative").asText() + "\"");
            seen.addAll(ids);
            redundant += ids.size() > 1 ? 1 : 0;
        }
        assertThat(seen).hasSize(2688); // a partition of the neurons
        assertThat(r.path("redundant_groups").asInt()).isEqualTo(redundant).isPositive();

        CliRun again = CliRun.run("cluster", "-q", store.toString(), "--threshold", "0.3", "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(again.out());
        assertThat(summary.path("independent").asInt()).isEqualTo(groups.size());
        assertThat(summary.path("representatives").size()).isEqualTo(groups.size());
    }

    /** Complete linkage puts two neurons in a group only when every pair in it is within the threshold: checked here
     * with correlations computed from scratch (two passes over the matrix) for every pair inside each group. */
    @Test
    void completeLinkageGroupsHaveEveryPairWithinTheThreshold() throws Exception {
        double threshold = 0.25;
        CliRun run = CliRun.run("cluster", "-q", store.toString(), "--layers", "0,6", "--linkage", "complete",
                "--threshold", String.valueOf(threshold), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.path("neurons").asInt()).isEqualTo(768);
        assertThat(summary.path("layers").toString()).isEqualTo("[0,6]");
        Path out = tmp.resolve("complete");
        assertThat(CliRun.run("cluster", "-q", store.toString(), "--layers", "0,6", "--linkage", "complete",
                "--threshold", String.valueOf(threshold), "--out", out.toString()).exitCode()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.resolve("clusters.json").toFile());
        try (ActivationStore s = ActivationStore.open(store)) {
            NpyMatrix m = s.matrix();
            int checked = 0;
            for (JsonNode g : r.path("groups")) {
                int[] ids = new int[g.path("member_ids").size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = g.path("member_ids").get(i).asInt();
                    assertThat(ids[i] < 384 || ids[i] >= 6 * 384).as("only layers 0 and 6").isTrue();
                }
                for (int a = 0; a < ids.length; a++) {
                    for (int b = a + 1; b < ids.length; b++) {
                        assertThat(1 - Math.abs(correlation(m, ids[a], ids[b]))).isLessThanOrEqualTo(threshold + 1e-6);
                        checked++;
                    }
                }
            }
            assertThat(checked).isPositive();
        }
    }

    @Test
    void aThresholdOutsideZeroToOneIsAUsageError() {
        for (String bad : new String[] {"1.5", "-0.1", "NaN"}) {
            Path out = tmp.resolve("bad-threshold");
            CliRun run = CliRun.run("cluster", "-q", store.toString(), "--threshold", bad, "--out", out.toString());
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).contains("--threshold");
            assertThat(out).doesNotExist();
        }
        CliRun notANumber = CliRun.run("cluster", "-q", store.toString(), "--threshold", "abc");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--threshold");
    }

    @Test
    void aMissingStoreALayerNotInTheStoreAndTheStoreAsOutputAreUsageErrors() {
        Path out = tmp.resolve("bad-out");
        CliRun missing = CliRun.run("cluster", "-q", tmp.resolve("nope").toString(), "--threshold", "0.3", "--out",
                out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).hasSize(1);
        assertThat(missing.err()).contains("nope");
        assertThat(out).doesNotExist();

        CliRun layer = CliRun.run("cluster", "-q", store.toString(), "--layers", "9", "--threshold", "0.3", "--out",
                out.toString());
        assertThat(layer.exitCode()).isEqualTo(2);
        assertThat(layer.errLines()).hasSize(1);
        assertThat(layer.err()).contains("--layers").contains("layer 9");
        assertThat(out).doesNotExist();

        CliRun over = CliRun.run("cluster", "-q", store.toString(), "--threshold", "0.3", "--out", store.toString());
        assertThat(over.exitCode()).isEqualTo(2);
        assertThat(over.errLines()).hasSize(1);
        assertThat(store.resolve("manifest.json")).exists();
    }

    /** Pearson's r of two matrix columns, two passes in double. */
    private static double correlation(NpyMatrix m, int a, int b) {
        long n = m.rows();
        double ma = 0;
        double mb = 0;
        for (long i = 0; i < n; i++) {
            ma += m.get(i, a);
            mb += m.get(i, b);
        }
        ma /= n;
        mb /= n;
        double cab = 0;
        double caa = 0;
        double cbb = 0;
        for (long i = 0; i < n; i++) {
            double x = m.get(i, a) - ma;
            double y = m.get(i, b) - mb;
            cab += x * y;
            caa += x * x;
            cbb += y * y;
        }
        return caa > 0 && cbb > 0 ? cab / Math.sqrt(caa * cbb) : 0;
    }
}
