package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.rank.RankMethod;
import dev.probe.rank.StatisticRanker;
import dev.probe.rank.stats.ClassStatistics;
import dev.probe.rank.stats.StatisticsFiles;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe rank --method} and {@code probe bench-rankers} end to end on the embedded MiniLM (XPOS of the first
 * EWT sample sentences, layers 0 and 6: 768 neurons). Cheap probe settings ({@code --min-count 20 --tolerance 1e-2
 * --delta 100}): what is checked here is the ordering, not the probes.
 */
class RankMethodsTest {
    private static final String[] CHEAP = {"--min-count", "20", "--tolerance", "1e-2", "--delta", "100"};

    @TempDir
    static Path tmp;

    private static Path train;
    private static Path dev;

    @BeforeAll
    static void extract() throws IOException {
        train = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 120, "--layers", "0,6");
        dev = SampleStores.extract(tmp, "dev", SampleStores.EWT_DEV, 40, "--layers", "0,6");
    }

    private static CliRun rank(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("rank", "-q", "--train", train.toString(), "--dev",
                dev.toString(), "--out", out.toString()));
        args.addAll(List.of(CHEAP));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void statisticMethodsRankFromTheStatisticsFileWrittenBesideTheRanking() throws Exception {
        Path out = tmp.resolve("ap");
        CliRun run = rank(out, "--method", "AP");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.resolve("ranking.json").toFile());
        assertThat(r.path("request").path("method").asText()).isEqualTo("ap");
        int[] ordering = new int[r.path("ordering").size()];
        for (int i = 0; i < ordering.length; i++) {
            ordering[i] = r.path("ordering").get(i).asInt();
        }
        assertThat(ordering).hasSize(768);
        // the statistics beside the ranking give its ordering without the activations
        ClassStatistics s = StatisticsFiles.read(out);
        assertThat(s.hasHistograms()).isTrue();
        assertThat(new StatisticRanker(RankMethod.AP).rank(s).order()).containsExactly(ordering);
        assertThat(s.labels()).contains("NN", "DT");
        // and, as they hold the sums too, every other statistic method's
        assertThat(new StatisticRanker(RankMethod.PROBELESS).rank(s).order()).hasSize(768);
        assertThat(CliRun.run("rank", "--help").out()).contains("--method").contains("probeless");
    }

    @Test
    void gaussianSelectsUpToItsCapThenOrdersTheRest() throws Exception {
        Path out = tmp.resolve("gaussian");
        CliRun run = rank(out, "--method", "gaussian", "--cap", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.resolve("ranking.json").toFile());
        assertThat(r.path("request").path("method").asText()).isEqualTo("gaussian");
        assertThat(r.path("cutoffs").get(0).asInt()).isEqualTo(3);
        assertThat(r.path("ordering").size()).isEqualTo(768);
        assertThat(out.resolve(StatisticsFiles.JSON)).isNotEmptyFile();
    }

    @Test
    void benchRankersComparesTheMethodsAndTheRandomBaseline() throws Exception {
        Path out = tmp.resolve("bench");
        CliRun run = CliRun.run("bench-rankers", "-q", "--train", train.toString(), "--dev", dev.toString(),
                "--methods", "probeless,anova", "--min-count", "20", "--tolerance", "1e-2", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("probeless\t10:").contains("random\t").contains("bench.html");
        JsonNode b = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        JsonNode methods = b.path("methods");
        assertThat(methods.size()).isEqualTo(3);
        assertThat(methods.get(2).path("method").asText()).isEqualTo("random");
        for (int i = 0; i < 9; i++) {
            JsonNode p = methods.get(0).path("sizes").get(i);
            JsonNode a = methods.get(1).path("sizes").get(i);
            assertThat(p.path("neurons").asInt()).isEqualTo(a.path("neurons").asInt());
            // with two methods, each one's AvgOverlap is their one Jaccard overlap
            assertThat(p.path("avg_overlap").asDouble()).isEqualTo(a.path("avg_overlap").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.path("dev").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(methods.get(0).path("sizes").get(8).path("label").asText()).isEqualTo("20 %");
        assertThat(methods.get(0).path("sizes").get(8).path("neurons").asInt()).isEqualTo(154); // 20 % of 768
        assertThat(b.path("consensus").size()).isEqualTo(768);
        for (String file : new String[] {"bench.md", "bench.html", "bench.svg", "bench.png"}) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        CliRun one = CliRun.run("bench-rankers", "-q", "--train", train.toString(), "--dev", dev.toString(),
                "--methods", "lca", "--out", tmp.resolve("bench-one").toString());
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.errLines()).hasSize(1);
        assertThat(one.err()).contains("--methods");
    }

    @Test
    void anUnknownMethodIsAUsageErrorOfOneLine() {
        CliRun run = rank(tmp.resolve("bad"), "--method", "magic");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("magic").contains("probeless");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }
}
