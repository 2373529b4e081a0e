package dev.probe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.probe.ProbeException;
import dev.probe.testing.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torchscript/bert-tiny.pt} is the golden BERT fixture traced by {@code scripts/make-torchscript-fixture.py}:
 * {@code forward(input_ids, attention_mask)} returns its 3 hidden states with token types all 0. Rows 0 and 2 of the
 * fixture batch have all-zero token types, so there it must give {@code hidden_<i>.npy}; row 1 has segment-B tokens
 * (types 1), so every row is also checked against the native Java BERT run with token types 0.
 */
class TorchScriptModelTest {
    private static final double TOLERANCE = 1e-4;
    private static final List<Integer> ALL_LAYERS = List.of(0, 1, 2);

    private static Path fixture;
    private static Path module;
    private static TorchScriptModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws URISyntaxException, ProbeException {
        fixture = resource("/fixtures/bert");
        module = resource("/torchscript/bert-tiny.pt");
        model = TorchScriptModel.load(module, 64);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void infoComesFromTheModuleOutputs() {
        ModelInfo info = model.info();

        assertThat(info.architecture()).isEqualTo("torchscript");
        assertThat(info.layers()).isEqualTo(2);
        assertThat(info.hiddenSize()).isEqualTo(32);
        assertThat(info.ffnSize()).isZero();
        assertThat(info.maxTokens()).isEqualTo(64);
    }

    @Test
    void hiddenStatesMatchTheFixtureWhereTokenTypesAreZero() throws IOException {
        long[] mask = npy("attention_mask.npy").longs();
        long[] types = npy("token_type_ids.npy").longs();
        LayerOutputs out = model.forward(fixtureBatch(), ProbePoint.HIDDEN, ALL_LAYERS);

        assertThat(out.layers()).isEqualTo(ALL_LAYERS);
        assertThat(out.width()).isEqualTo(32);
        boolean[] zeroTypeRows = zeroTypeRows(types, out.size(), out.length());
        assertThat(zeroTypeRows).containsExactly(true, false, true);
        for (int layer : ALL_LAYERS) {
            compare("hidden_" + layer, out, layer, npy("hidden_" + layer + ".npy").floats(), mask, zeroTypeRows);
        }
    }

    @Test
    void everyRowMatchesTheNativeForwardPassWithZeroTokenTypes() throws IOException, ProbeException {
        TokenBatch fixtureBatch = fixtureBatch();
        TokenBatch zeroTypes = new TokenBatch(fixtureBatch.size(), fixtureBatch.length(), fixtureBatch.inputIds(),
                fixtureBatch.attentionMask(), new long[fixtureBatch.inputIds().length]);
        LayerOutputs traced = model.forward(zeroTypes, ProbePoint.HIDDEN, ALL_LAYERS);
        LayerOutputs nativeOut;
        try (Transformer bert = Architectures.loadFolder(fixture)) {
            nativeOut = bert.forward(zeroTypes, ProbePoint.HIDDEN, ALL_LAYERS);
        }

        boolean[] allRows = {true, true, true};
        for (int layer : ALL_LAYERS) {
            compare("native hidden_" + layer, traced, layer, nativeOut.values().get(layer), zeroTypes.attentionMask(),
                    allRows);
        }
    }

    @Test
    void layersComeInTheRequestedOrder() throws IOException {
        LayerOutputs all = model.forward(fixtureBatch(), ProbePoint.HIDDEN, ALL_LAYERS);
        LayerOutputs some = model.forward(fixtureBatch(), ProbePoint.HIDDEN, List.of(2, 0));

        assertThat(some.layers()).containsExactly(2, 0);
        assertThat(some.values().get(0)).containsExactly(all.values().get(2));
        assertThat(some.values().get(1)).containsExactly(all.values().get(0));
    }

    @Test
    void ffnNeuronsAreNotAvailable() throws IOException {
        TokenBatch batch = fixtureBatch();

        assertThatThrownBy(() -> model.forward(batch, ProbePoint.FFN, List.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden states only");
    }

    @Test
    void corruptFileFailsWithItsName() throws IOException {
        byte[] junk = new byte[100];
        new Random(42).nextBytes(junk);
        Path corrupt = Files.write(dir.resolve("corrupt.pt"), junk);

        ProbeException e = catchThrowableOfType(() -> TorchScriptModel.load(corrupt, 64), ProbeException.class);

        assertThat(e).isNotNull();
        assertThat(e.file()).contains(corrupt);
        assertThat(e.getMessage()).startsWith(corrupt.toString()).contains("cannot load TorchScript module");
    }

    @Test
    void missingFileIsNotReplacedByTheSameNameWithPt() throws IOException {
        Files.copy(module, dir.resolve("model.pt"));
        Path missing = dir.resolve("model");

        ProbeException e = catchThrowableOfType(() -> TorchScriptModel.load(missing, 64), ProbeException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(missing + ": no such TorchScript file");
    }

    @Test
    void loaderNeedsATokenizerForTorchScript() {
        ModelLoader loader = new ModelLoader(new ModelRepository(dir.resolve("home")));

        ProbeException e = catchThrowableOfType(() -> loader.load(module.toString(), null, 64), ProbeException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(module.toString()).contains("--tokenizer");
    }

    @Test
    void loaderRoutesAPtFileToTorchScript() throws Exception {
        Path tokenizer = dir.resolve("tokenizer.json");
        try (InputStream in = TorchScriptModelTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            assertThat(in).as("classpath resource /all-minilm-l6-v2-tokenizer.json").isNotNull();
            Files.copy(in, tokenizer);
        }
        ModelLoader loader = new ModelLoader(new ModelRepository(dir.resolve("home")));

        try (LoadedModel loaded = loader.load(module.toString(), tokenizer, 64)) {
            assertThat(loaded.transformer()).isInstanceOf(TorchScriptModel.class);
            assertThat(loaded.transformer().info()).isEqualTo(new ModelInfo("torchscript", 2, 32, 0, 64));
            assertThat(loaded.source().architecture()).isEqualTo("torchscript");
            assertThat(loaded.source().path()).isEqualTo(module.toAbsolutePath().toString());
        }
    }

    private static TokenBatch fixtureBatch() throws IOException {
        NpyArray ids = npy("input_ids.npy");
        return new TokenBatch((int) ids.shape()[0], (int) ids.shape()[1], ids.longs(),
                npy("attention_mask.npy").longs(), npy("token_type_ids.npy").longs());
    }

    private static boolean[] zeroTypeRows(long[] types, int size, int length) {
        boolean[] rows = new boolean[size];
        for (int s = 0; s < size; s++) {
            rows[s] = true;
            for (int t = 0; t < length; t++) {
                rows[s] &= types[s * length + t] == 0;
            }
        }
        return rows;
    }

    /** Compares one layer of {@code out} with {@code expected} ([size, length, width]) at valid positions of rows. */
    private static void compare(String what, LayerOutputs out, int layer, float[] expected, long[] mask,
            boolean[] rows) {
        float[] actual = out.values().get(out.layers().indexOf(layer));
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        int compared = 0;
        double worst = 0;
        String where = "";
        for (int s = 0; s < out.size(); s++) {
            for (int t = 0; t < out.length(); t++) {
                if (!rows[s] || mask[s * out.length() + t] == 0) {
                    continue;
                }
                int base = out.offset(s, t);
                for (int j = 0; j < out.width(); j++) {
                    double diff = Math.abs((double) actual[base + j] - expected[base + j]);
                    if (!(diff <= worst)) {
                        worst = diff;
                        where = String.format(Locale.ROOT, "sequence %d token %d neuron %d: %s vs %s", s, t, j,
                                actual[base + j], expected[base + j]);
                    }
                }
                compared++;
            }
        }
        assertThat(compared).as(what + " positions compared").isPositive();
        assertThat(worst).as("%s, largest difference at %s", what, where).isLessThanOrEqualTo(TOLERANCE);
    }

    private static NpyArray npy(String name) throws IOException {
        return NpyArray.read(fixture.resolve(name));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchScriptModelTest.class.getResource(name).toURI());
    }
}
