package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.NpyHeader;
import dev.probe.rank.stats.ClassStatistics;
import dev.probe.rank.stats.StatisticsFiles;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe extract --shard i/n} and {@code probe merge} end to end on the embedded MiniLM (layers 0 and 6 of 90 EWT
 * dev sentences, plan blocks of 16): the merged store is the single extraction's, byte for byte, and shards that are
 * not one corpus's parts are refused with exit 2 and no output.
 */
class ShardMergeCommandTest {
    private static final String[] SETTINGS = {"--layers", "0,6", "--plan-block", "16"};

    @TempDir
    static Path tmp;

    private static Path corpus;
    private static Path whole;

    @BeforeAll
    static void extractWhole() throws IOException {
        whole = SampleStores.extract(tmp, "whole", SampleStores.EWT_DEV, 90, SETTINGS);
        corpus = tmp.resolve("whole.conllu");
    }

    static CliRun extract(Path input, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("extract", "-q", "--input", input.toString(), "--out",
                out.toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static List<Path> shards(String name, int n, String... more) {
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path shard = tmp.resolve(name + "-" + i + "of" + n);
            if (!Files.exists(shard)) {
                List<String> args = new ArrayList<>(List.of(SETTINGS));
                args.addAll(List.of("--shard", i + "/" + n));
                args.addAll(List.of(more));
                CliRun run = extract(corpus, shard, args.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.err()).isZero();
            }
            out.add(shard);
        }
        return out;
    }

    private static CliRun merge(Path out, List<Path> shards, String... more) {
        List<String> args = new ArrayList<>(List.of("merge", "--out", out.toString()));
        shards.forEach(s -> args.add(s.toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static byte[] data(Path npy) throws Exception {
        byte[] all = Files.readAllBytes(npy);
        return Arrays.copyOfRange(all, (int) NpyHeader.read(npy).dataOffset(), all.length);
    }

    @Test
    void shardsMergedByCopyAreTheSingleExtractionByteForByte() throws Exception {
        for (int n : new int[] {2, 3}) {
            List<Path> parts = shards("s", n);
            Path out = tmp.resolve("copy" + n);
            List<Path> reversed = new ArrayList<>(parts);
            java.util.Collections.reverse(reversed);
            CliRun run = merge(out, reversed, "--copy");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.mismatch(out.resolve("activations.npy"), whole.resolve("activations.npy"))).isEqualTo(-1);
            assertThat(Files.mismatch(out.resolve("tokens.tsv"), whole.resolve("tokens.tsv"))).isEqualTo(-1);
        }
    }

    @Test
    void shardsMergedByReferenceReadAsTheSingleExtraction() throws Exception {
        List<Path> parts = shards("s", 3);
        Path out = tmp.resolve("ref3");
        CliRun run = merge(out, parts);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("activations.npy")).doesNotExist();
        assertThat(Files.mismatch(out.resolve("tokens.tsv"), whole.resolve("tokens.tsv"))).isEqualTo(-1);
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (Path p : parts) {
            joined.write(data(p.resolve("activations.npy")));
        }
        assertThat(joined.toByteArray()).isEqualTo(data(whole.resolve("activations.npy")));
        try (ActivationStore merged = ActivationStore.open(out); ActivationStore single = ActivationStore.open(whole)) {
            assertThat(merged.matrix().files()).hasSize(3);
            assertThat(merged.manifest().counts()).isEqualTo(single.manifest().counts());
            assertThat(merged.manifest().labels()).isEqualTo(single.manifest().labels());
            int cols = single.matrix().cols();
            float[] a = new float[cols];
            float[] b = new float[cols];
            for (long r = 0; r < single.matrix().rows(); r++) {
                merged.matrix().readRow(r, a, 0);
                single.matrix().readRow(r, b, 0);
                assertThat(a).as("row %d", r).isEqualTo(b);
            }
            assertThat(merged.tokens()).isEqualTo(single.tokens());
        }
        // every stage reads it: a probe trains on it exactly as on the single store
        for (Path store : List.of(out, whole)) {
            CliRun train = CliRun.run("train", "-q", "--train", store.toString(), "--split", "80/20", "--out",
                    tmp.resolve("probe-" + store.getFileName()).toString(), "--tolerance", "1e-2");
            assertThat(train.exitCode()).as(train.err()).isZero();
        }
        assertThat(Files.mismatch(tmp.resolve("probe-ref3/weights.npy"), tmp.resolve("probe-whole/weights.npy")))
                .isEqualTo(-1);
    }

    @Test
    void refusesGapsOverlapsAndShardsOfOtherCorporaModelsOrSettings() throws Exception {
        List<Path> three = shards("s", 3);
        List<Path> two = shards("s", 2);
        Path otherLayers = tmp.resolve("layers-2of3");
        assertThat(extract(corpus, otherLayers, "--layers", "0,5", "--plan-block", "16", "--shard", "2/3").exitCode())
                .isZero();
        Path otherModel = tmp.resolve("random-2of3");
        assertThat(extract(corpus, otherModel, "--layers", "0,6", "--plan-block", "16", "--shard", "2/3",
                "--random-init", "7").exitCode()).isZero();
        Path otherCorpus = tmp.resolve("other.conllu");
        Files.writeString(otherCorpus, Files.readString(corpus).replace("\tNN\t", "\tNNS\t"));
        Path otherInput = tmp.resolve("input-2of3");
        assertThat(extract(otherCorpus, otherInput, SETTINGS[0], SETTINGS[1], SETTINGS[2], SETTINGS[3], "--shard",
                "2/3").exitCode()).isZero();

        expectRefusal(List.of(three.get(0), three.get(2)), "gap before shard 3/3");
        expectRefusal(List.of(three.get(0), three.get(1)), "gap after shard 2/3");
        expectRefusal(List.of(three.get(0), three.get(1), three.get(1), three.get(2)), "overlaps");
        expectRefusal(List.of(two.get(0), three.get(1), three.get(2)), "cut differently");
        expectRefusal(List.of(three.get(0), otherLayers, three.get(2)), "settings");
        expectRefusal(List.of(three.get(0), otherModel, three.get(2)), "model");
        expectRefusal(List.of(three.get(0), otherInput, three.get(2)), "input");
        expectRefusal(List.of(whole), "not a shard");
    }

    private static void expectRefusal(List<Path> shards, String why) {
        Path out = tmp.resolve("refused");
        CliRun run = merge(out, shards);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(why);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void statisticsOfShardsMergeIntoTheWholeCorpusStatisticsBitForBit() throws Exception {
        Path full = tmp.resolve("stats-whole");
        List<String> args = new ArrayList<>(List.of(SETTINGS));
        args.add("--stats-only");
        CliRun run = extract(corpus, full, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(full.resolve("activations.npy")).doesNotExist();
        List<Path> parts = shards("stats", 3, "--stats-only");
        Path merged = tmp.resolve("stats-merged");
        run = merge(merged, List.of(parts.get(2), parts.get(0), parts.get(1)));
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String file : List.of(StatisticsFiles.SUMS, StatisticsFiles.VALUES, StatisticsFiles.HISTOGRAMS)) {
            assertThat(Files.mismatch(full.resolve(file), merged.resolve(file))).as(file).isEqualTo(-1);
        }
        ClassStatistics fromShards = StatisticsFiles.read(merged);
        try (ActivationStore store = ActivationStore.open(whole)) {
            List<String> labels = store.labels(null);
            List<String> classes = List.copyOf(new java.util.TreeSet<>(labels));
            float[][] rows = new float[labels.size()][store.matrix().cols()];
            int[] classOf = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                store.matrix().readRow(r, rows[r], 0);
                classOf[r] = classes.indexOf(labels.get(r));
            }
            // the statistics a rank run computes from the store are the same bits
            assertThat(fromShards).isEqualTo(ClassStatistics.of(rows, classOf, classes, true));
        }
        CliRun ranked = CliRun.run("rank-stats", merged.toString(), "--method", "anova", "--top", "3", "--json");
        assertThat(ranked.exitCode()).as(ranked.err()).isZero();
        assertThat(ranked.out()).contains("\"method\": \"anova\"").contains("\"name\": \"L");
        assertThat(CliRun.run("rank-stats", merged.toString(), "--method", "lca").exitCode()).isEqualTo(2);
        expectRefusal(List.of(parts.get(0), parts.get(2)), "gap before shard 3/3");
    }

    @Test
    void tooManyShardsForTheCorpusIsABadRequest() {
        CliRun run = extract(corpus, tmp.resolve("many"), "--layers", "0", "--shard", "2/3");
        assertThat(run.exitCode()).isEqualTo(2); // 90 sentences are one plan block of 1024
        assertThat(run.err()).contains("too few for 3 shards");
        assertThat(extract(corpus, tmp.resolve("bad"), "--shard", "4/3").exitCode()).isEqualTo(2);
        assertThat(extract(corpus, tmp.resolve("bad"), "--shard", "x").exitCode()).isEqualTo(2);
    }
}
