package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.TokenRow;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Corpus;
import dev.probe.corpus.Sentence;
import dev.probe.model.LayerOutputs;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelLoader;
import dev.probe.model.ModelRepository;
import dev.probe.model.ProbePoint;
import dev.probe.model.TokenBatch;
import dev.probe.model.WordTokenizer;
import dev.probe.testing.CliRun;
import dev.probe.testing.Numpy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe extract} end to end on the embedded MiniLM. */
class ExtractCommandTest {
    private static final Path NEUROX = Path.of("data-samples/neurox/ewt-dev.sample.in");

    @Test
    void extractsEveryWordOfEveryLayerAlignedWithTokens(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("store");
        CliRun run = CliRun.run("extract", "--quiet", "--input", NEUROX.toString(), "--out", out.toString(),
                "--batch-size", "8");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("words\t1166").contains("neurons\t2688");
        Corpus corpus = Corpora.read(NEUROX, null, null);
        try (ActivationStore store = ActivationStore.open(out)) {
            assertThat(store.matrix().rows()).isEqualTo(1166);
            assertThat(store.matrix().cols()).isEqualTo(7 * 384);
            assertThat(store.manifest().layers()).containsExactly(0, 1, 2, 3, 4, 5, 6);
            assertThat(store.manifest().aggregation()).isEqualTo("last");
            List<TokenRow> tokens = store.tokens();
            int row = 0;
            for (int s = 0; s < corpus.sentences().size(); s++) {
                Sentence sentence = corpus.sentences().get(s);
                for (int w = 0; w < sentence.size(); w++, row++) {
                    assertThat(tokens.get(row)).isEqualTo(new TokenRow(s, w, sentence.words().get(w), sentence.labels().get(w)));
                }
            }
            checkRowAgainstDirectForwardPass(store, corpus);
        }
        numpyLoads(out, "(1166, 2688)");
    }

    /** A word made of several subwords, read back from the store, equals the last subword's state run alone. */
    private static void checkRowAgainstDirectForwardPass(ActivationStore store, Corpus corpus) throws Exception {
        try (LoadedModel model = new ModelLoader(ModelRepository.atDefaultHome()).load("minilm", null, 512)) {
            WordTokenizer tokenizer = model.tokenizer();
            int row = 0;
            for (Sentence sentence : corpus.sentences()) {
                WordTokenizer.Subwords sub = tokenizer.encode(sentence.words());
                for (int w = 0; w < sentence.size(); w++, row++) {
                    if (sub.length(w) < 2) {
                        continue;
                    }
                    long[] ids = new long[sub.ids().length + 2];
                    ids[0] = tokenizer.template().prefixIds()[0];
                    System.arraycopy(sub.ids(), 0, ids, 1, sub.ids().length);
                    ids[ids.length - 1] = tokenizer.template().suffixIds()[0];
                    long[] mask = new long[ids.length];
                    java.util.Arrays.fill(mask, 1);
                    List<Integer> layers = List.of(0, 1, 2, 3, 4, 5, 6);
                    LayerOutputs direct = model.transformer().forward(new TokenBatch(1, ids.length, ids, mask,
                            new long[ids.length]), ProbePoint.HIDDEN, layers);
                    float[] stored = new float[7 * 384];
                    store.matrix().readRow(row, stored, 0);
                    int lastSubword = 1 + sub.wordStarts()[w + 1] - 1;
                    for (int l = 0; l < 7; l++) {
                        for (int j = 0; j < 384; j++) {
                            assertThat(stored[l * 384 + j]).isCloseTo(direct.values().get(l)[lastSubword * 384 + j],
                                    within(1e-4f));
                        }
                    }
                    return;
                }
            }
            throw new AssertionError("no multi-subword word in the sample");
        }
    }

    @Test
    void longSentencesAreWindowedSoEveryWordGetsARow(@TempDir Path tmp) throws Exception {
        List<String> words = new ArrayList<>();
        for (Sentence s : Corpora.read(NEUROX, null, null).sentences()) {
            words.addAll(s.words());
        }
        List<String> lines = new ArrayList<>();
        for (String w : words.subList(0, 700)) {
            lines.add(w + "\tX");
        }
        lines.add("");
        lines.add("short\tY");
        lines.add("sentence\tY");
        Path corpus = tmp.resolve("long.tsv");
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        Path a = tmp.resolve("a");
        Path again = tmp.resolve("again");
        Path b = tmp.resolve("b");
        assertThat(CliRun.run("extract", "-q", "-i", corpus.toString(), "-o", a.toString(), "--layers", "6").exitCode()).isZero();
        assertThat(CliRun.run("extract", "-q", "-i", corpus.toString(), "-o", again.toString(), "--layers", "6").exitCode()).isZero();
        assertThat(CliRun.run("extract", "-q", "-i", corpus.toString(), "-o", b.toString(), "--layers", "6",
                "--batch-size", "1").exitCode()).isZero();
        try (ActivationStore store = ActivationStore.open(a)) {
            assertThat(store.manifest().counts().windowedSentences()).isEqualTo(1);
            assertThat(store.manifest().counts().subwords()).isGreaterThan(512);
            assertThat(store.matrix().rows()).isEqualTo(702);
            float[] row = new float[384];
            for (long r = 0; r < 702; r++) {
                store.matrix().readRow(r, row, 0);
                double norm = 0;
                for (float v : row) {
                    assertThat(Float.isFinite(v)).isTrue();
                    norm += v * v;
                }
                assertThat(norm).as("row %d was written", r).isGreaterThan(1);
            }
        }
        // deterministic: the same settings give the same bytes; other batching changes only float rounding
        assertThat(Files.readAllBytes(a.resolve("activations.npy"))).isEqualTo(Files.readAllBytes(again.resolve("activations.npy")));
        try (ActivationStore x = ActivationStore.open(a); ActivationStore y = ActivationStore.open(b)) {
            for (long r = 0; r < 702; r++) {
                for (int c = 0; c < 384; c += 7) {
                    assertThat(y.matrix().get(r, c)).isCloseTo(x.matrix().get(r, c), within(1e-4f));
                }
            }
        }
    }

    @Test
    void float16StoreMatchesFloat32(@TempDir Path tmp) throws Exception {
        Path f32 = tmp.resolve("f32");
        Path f16 = tmp.resolve("f16");
        assertThat(CliRun.run("extract", "-q", "-i", NEUROX.toString(), "-o", f32.toString(), "--layers", "0,6").exitCode()).isZero();
        assertThat(CliRun.run("extract", "-q", "-i", NEUROX.toString(), "-o", f16.toString(), "--layers", "0,6",
                "--dtype", "float16").exitCode()).isZero();
        try (ActivationStore a = ActivationStore.open(f32); ActivationStore b = ActivationStore.open(f16)) {
            assertThat(b.manifest().dtype()).isEqualTo("float16");
            assertThat(b.matrix().cols()).isEqualTo(768);
            for (long r = 0; r < a.matrix().rows(); r += 97) {
                for (int c = 0; c < 768; c += 13) {
                    float x = a.matrix().get(r, c);
                    assertThat(b.matrix().get(r, c)).isCloseTo(x, within(Math.abs(x) * 1e-3f + 1e-4f));
                }
            }
        }
        numpyLoads(f16, "(1166, 768) float16");
    }

    private static void numpyLoads(Path store, String expected) throws Exception {
        assertThat(Numpy.describe(store.resolve("activations.npy"))).contains(expected);
    }
}
