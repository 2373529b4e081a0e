package dev.probe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.activations.Extraction;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.NpyHeader;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.ModelRepository;
import dev.probe.rank.stats.StatisticsExtraction;
import dev.probe.rank.stats.StatisticsFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode on the embedded MiniLM (layers 0 and 6 of 100 EWT dev sentences, plan blocks of 16):
 * with 2 and 3 partitions it writes the single-process extraction's store byte for byte, and the whole corpus's
 * statistics bit for bit, loading the model once per JVM.
 */
class SparkExtractionTest {
    private static final List<Integer> LAYERS = List.of(0, 6);
    private static final int BLOCK = 16;

    @TempDir
    static Path tmp;

    private static Path corpus;
    private static Path single;
    private static Path singleStats;

    @BeforeAll
    static void extractInOneProcess() throws Exception {
        corpus = tmp.resolve("dev100.conllu");
        List<String> lines = new ArrayList<>();
        int sentences = 0;
        for (String line : Files.readAllLines(Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu"))) {
            if (sentences == 100) {
                break;
            }
            lines.add(line);
            sentences += line.isBlank() ? 1 : 0;
        }
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        single = tmp.resolve("single");
        singleStats = tmp.resolve("single-stats");
        var request = ShardJob.of(corpus, 1).with(LAYERS, BLOCK, false).request(1, single).withShard(null, BLOCK);
        Extraction.run(request, ModelRepository.atDefaultHome(), Extraction.Listener.NONE,
                new PrintWriter(Writer.nullWriter()));
        var statsRequest = ShardJob.of(corpus, 1).with(LAYERS, BLOCK, true).request(1, singleStats)
                .withShard(null, BLOCK);
        StatisticsExtraction.run(statsRequest, ModelRepository.atDefaultHome(), Extraction.Listener.NONE);
    }

    private static JavaSparkContext spark(int threads) {
        return new JavaSparkContext(new SparkConf().setAppName("probe-test").setMaster("local[" + threads + "]")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    private static byte[] data(Path npy) throws Exception {
        byte[] all = Files.readAllBytes(npy);
        return Arrays.copyOfRange(all, (int) NpyHeader.read(npy).dataOffset(), all.length);
    }

    @Test
    void twoAndThreePartitionsWriteTheSingleExtractionByteForByte() throws Exception {
        for (int n : new int[] {2, 3}) {
            try (JavaSparkContext sc = spark(n)) {
                Path copy = tmp.resolve("copy" + n);
                StoreManifest m = SparkExtraction.run(sc, ShardJob.of(corpus, n).with(LAYERS, BLOCK, false), copy,
                        true, false);
                assertThat(m.merged().parts()).hasSize(n);
                assertThat(Files.mismatch(copy.resolve("activations.npy"), single.resolve("activations.npy")))
                        .as("%d partitions", n).isEqualTo(-1);
                assertThat(Files.mismatch(copy.resolve("tokens.tsv"), single.resolve("tokens.tsv"))).isEqualTo(-1);

                Path ref = tmp.resolve("ref" + n);
                SparkExtraction.run(sc, ShardJob.of(corpus, n).with(LAYERS, BLOCK, false), ref, false, false);
                try (ActivationStore store = ActivationStore.open(ref)) {
                    ByteArrayOutputStream joined = new ByteArrayOutputStream();
                    for (Path part : store.matrix().files()) {
                        joined.write(data(part));
                    }
                    assertThat(store.matrix().files()).hasSize(n);
                    assertThat(joined.toByteArray()).isEqualTo(data(single.resolve("activations.npy")));
                }
            }
        }
        assertThat(ExecutorResources.modelLoads()).isEqualTo(1); // one JVM: loaded once for every partition
    }

    @Test
    void partitionsStatisticsReduceToTheWholeCorpusStatisticsBitForBit() throws Exception {
        for (int n : new int[] {2, 3}) {
            try (JavaSparkContext sc = spark(n)) {
                Path out = tmp.resolve("stats" + n);
                SparkExtraction.run(sc, ShardJob.of(corpus, n).with(LAYERS, BLOCK, true), out, false, false);
                for (String file : List.of(StatisticsFiles.SUMS, StatisticsFiles.VALUES, StatisticsFiles.HISTOGRAMS)) {
                    assertThat(Files.mismatch(out.resolve(file), singleStats.resolve(file))).as("%s, %d partitions",
                            file, n).isEqualTo(-1);
                }
                assertThat(StatisticsFiles.read(out)).isEqualTo(StatisticsFiles.read(singleStats));
            }
        }
    }

    @Test
    void moreShardsThanPlanBlocksIsABadRequest() throws IOException {
        try (JavaSparkContext sc = spark(2)) {
            ShardJob job = ShardJob.of(corpus, 8).with(LAYERS, 64, false); // 100 sentences: 2 blocks of 64
            assertThatThrownBy(() -> SparkExtraction.run(sc, job, tmp.resolve("many"), false, false))
                    .hasStackTraceContaining("too few for 8 shards");
        }
        assertThat(tmp.resolve("many")).doesNotExist();
    }

    @Test
    void theCommandLineRefusesABadCorpusWithExitCode2BeforeStartingSpark() throws IOException {
        Path bad = tmp.resolve("bad.conllu");
        Files.writeString(bad, "1\tThe\tthe\tDET\tDT\n2\tcat\n\n");
        for (Path input : List.of(bad, tmp.resolve("missing.conllu"))) {
            assertThat(SparkExtractCommand.execute("--input", input.toString(), "--out",
                    tmp.resolve("never").toString(), "--shards", "2", "--master", "local[2]")).isEqualTo(2);
        }
        assertThat(SparkExtractCommand.execute("--input", corpus.toString(), "--out", tmp.resolve("never").toString(),
                "--shards", "0")).isEqualTo(2);
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
