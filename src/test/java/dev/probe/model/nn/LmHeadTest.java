package dev.probe.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.model.Architectures;
import dev.probe.model.ForwardResult;
import dev.probe.model.Intervention;
import dev.probe.model.LmScores;
import dev.probe.model.ProbePoint;
import dev.probe.model.TokenBatch;
import dev.probe.model.Transformer;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsReader;
import dev.probe.model.checkpoint.SafetensorsWriter;
import dev.probe.testing.FixtureBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.math.special.Erf;

/**
 * The LM heads against a hand computation in double precision: golden fixture bodies with head tensors added (random
 * values), the head read from the checkpoint (explicit or tied decoder), and each token's probability and top-1
 * recomputed from the model's own last hidden state.
 */
class LmHeadTest {
    private static final int VOCAB = 1000;
    private static final int HIDDEN = 32;

    @TempDir
    Path dir;

    @Test
    void bertHeadWithATiedDecoder() throws Exception {
        Path folder = withHead("bert", Map.of("cls.predictions.transform.dense.weight", shape(HIDDEN, HIDDEN),
                "cls.predictions.transform.dense.bias", shape(HIDDEN),
                "cls.predictions.transform.LayerNorm.weight", shape(HIDDEN),
                "cls.predictions.transform.LayerNorm.bias", shape(HIDDEN), "cls.predictions.bias", shape(VOCAB)),
                null);
        checkMasked(folder, "cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm",
                "embeddings.word_embeddings.weight", "cls.predictions.bias", 1e-12);
    }

    @Test
    void distilbertHeadWithItsOwnDecoder() throws Exception {
        Path folder = withHead("distilbert", Map.of("vocab_transform.weight", shape(HIDDEN, HIDDEN),
                "vocab_transform.bias", shape(HIDDEN), "vocab_layer_norm.weight", shape(HIDDEN),
                "vocab_layer_norm.bias", shape(HIDDEN), "vocab_projector.weight", shape(VOCAB, HIDDEN),
                "vocab_projector.bias", shape(VOCAB)), null);
        checkMasked(folder, "vocab_transform", "vocab_layer_norm", "vocab_projector.weight", "vocab_projector.bias",
                1e-12);
    }

    @Test
    void robertaHead() throws Exception {
        Path folder = withHead("roberta", Map.of("lm_head.dense.weight", shape(HIDDEN, HIDDEN),
                "lm_head.dense.bias", shape(HIDDEN), "lm_head.layer_norm.weight", shape(HIDDEN),
                "lm_head.layer_norm.bias", shape(HIDDEN), "lm_head.bias", shape(VOCAB)), null);
        checkMasked(folder, "lm_head.dense", "lm_head.layer_norm", "embeddings.word_embeddings.weight",
                "lm_head.bias", 1e-5);
    }

    @Test
    void gpt2HeadTiedToTheTokenEmbeddings() throws Exception {
        Path folder = withHead("gpt2", Map.of(), "GPT2LMHeadModel");
        checkCausal(folder, "wte.weight");
    }

    @Test
    void llamaHeadWithItsOwnWeights() throws Exception {
        Path folder = withHead("llama", Map.of("lm_head.weight", shape(VOCAB, HIDDEN)), null);
        checkCausal(folder, "lm_head.weight");
    }

    @Test
    void baseModelsHaveNoHeadAndAReinitialisedOneDropsIt() throws Exception {
        for (String name : List.of("bert", "gpt2", "llama", "xlnet", "electra")) {
            try (Transformer model = Architectures.loadFolder(fixture(name))) {
                assertThat(model.hasLmHead()).as(name).isFalse();
            }
        }
        Path folder = withHead("llama", Map.of("lm_head.weight", shape(VOCAB, HIDDEN)), null);
        try (Transformer model = Architectures.loadFolder(folder, 7L)) {
            assertThat(model.hasLmHead()).isFalse();
        }
    }

    private void checkMasked(Path folder, String dense, String norm, String decoder, String bias, double eps)
            throws Exception {
        Map<String, float[]> w = tensors(folder);
        Scored s = run(folder);
        double[][] logits = new double[s.positions()][];
        for (int p = 0; p < s.positions(); p++) {
            double[] x = row(s.output(), p, HIDDEN);
            double[] t = affine(x, w.get(dense + ".weight"), w.get(dense + ".bias"), HIDDEN);
            for (int i = 0; i < HIDDEN; i++) {
                t[i] = 0.5 * t[i] * (1 + Erf.erf(t[i] / Math.sqrt(2)));
            }
            t = layerNorm(t, w.get(norm + ".weight"), w.get(norm + ".bias"), eps);
            logits[p] = affine(t, w.get(decoder), w.get(bias), VOCAB);
        }
        compare(s, logits, 0);
    }

    private void checkCausal(Path folder, String weight) throws Exception {
        Map<String, float[]> w = tensors(folder);
        Scored s = run(folder);
        assertThat(s.scores().causal()).isTrue();
        double[][] logits = new double[s.positions()][];
        for (int p = 0; p < s.positions(); p++) {
            logits[p] = affine(row(s.output(), p, HIDDEN), w.get(weight), null, VOCAB);
        }
        compare(s, logits, 1);
    }

    /** Token t of each sequence scored from the logits at t − shift; only real (unpadded) pairs are compared. */
    private static void compare(Scored s, double[][] logits, int shift) {
        TokenBatch b = s.batch();
        int compared = 0;
        for (int seq = 0; seq < b.size(); seq++) {
            for (int t = 0; t < b.length(); t++) {
                int at = seq * b.length() + t;
                if (t < shift) {
                    assertThat(s.scores().probability()[at]).isNaN();
                    assertThat(s.scores().correct()[at]).isFalse();
                    continue;
                }
                int from = at - shift;
                if (b.attentionMask()[at] == 0 || b.attentionMask()[from] == 0) {
                    continue;
                }
                double[] z = logits[from];
                int target = (int) b.inputIds()[at];
                double max = Double.NEGATIVE_INFINITY;
                int best = -1;
                double second = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < z.length; v++) {
                    if (z[v] > max) {
                        second = max;
                        max = z[v];
                        best = v;
                    } else if (z[v] > second) {
                        second = z[v];
                    }
                }
                double sum = 0;
                for (double v : z) {
                    sum += Math.exp(v - max);
                }
                double p = Math.exp(z[target] - max) / sum;
                assertThat((double) s.scores().probability()[at]).as("p at %d", at).isCloseTo(p, within(1e-5 + 1e-3 * p));
                if (max - second > 1e-3) {
                    assertThat(s.scores().correct()[at]).as("top-1 at %d", at).isEqualTo(best == target);
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
    }

    private record Scored(TokenBatch batch, float[] output, LmScores scores) {
        int positions() {
            return batch.size() * batch.length();
        }
    }

    private static Scored run(Path folder) throws Exception {
        TokenBatch batch = FixtureBatch.read(folder);
        try (Transformer model = Architectures.loadFolder(folder)) {
            assertThat(model.hasLmHead()).isTrue();
            ForwardResult r = model.forward(batch, ProbePoint.HIDDEN, List.of(), Intervention.NONE, true);
            assertThat(r.lm()).isNotNull();
            return new Scored(batch, r.output(), r.lm());
        }
    }

    /** A copy of a fixture with extra (random) tensors and, when given, another {@code architectures} entry. */
    private Path withHead(String name, Map<String, long[]> extra, String architecture) throws Exception {
        Path source = fixture(name);
        Path target = dir.resolve(name);
        Files.createDirectories(target);
        for (String file : List.of("input_ids.npy", "attention_mask.npy", "token_type_ids.npy")) {
            if (Files.exists(source.resolve(file))) {
                Files.copy(source.resolve(file), target.resolve(file));
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(source.resolve("config.json").toFile());
        if (architecture != null) {
            config.putArray("architectures").add(architecture);
        }
        json.writeValue(target.resolve("config.json").toFile(), config);
        TreeMap<String, FloatTensor> tensors = new TreeMap<>();
        try (SafetensorsReader reader = SafetensorsReader.open(source.resolve("model.safetensors"))) {
            for (String key : reader.tensors().keySet()) {
                tensors.put(key, new FloatTensor(reader.tensors().get(key).shape(), reader.readFloats(key)));
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        for (Map.Entry<String, long[]> e : new TreeMap<>(extra).entrySet()) {
            float[] values = new float[(int) FloatTensor.elementCount(e.getValue())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextDouble(-1, 1) * (e.getKey().contains("Norm") ? 0.2 : 0.6)
                        + (e.getKey().endsWith("orm.weight") ? 1 : 0));
            }
            tensors.put(e.getKey(), new FloatTensor(e.getValue(), values));
        }
        SafetensorsWriter.write(target.resolve("model.safetensors"), tensors, Map.of());
        return target;
    }

    private static Map<String, float[]> tensors(Path folder) throws Exception {
        Map<String, float[]> map = new TreeMap<>();
        try (SafetensorsReader reader = SafetensorsReader.open(folder.resolve("model.safetensors"))) {
            for (String key : reader.tensors().keySet()) {
                map.put(key, reader.readFloats(key));
            }
        }
        return map;
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(LmHeadTest.class.getResource("/fixtures/" + name).toURI());
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    private static double[] row(float[] values, int position, int width) {
        double[] x = new double[width];
        for (int i = 0; i < width; i++) {
            x[i] = values[position * width + i];
        }
        return x;
    }

    /** {@code W·x + b} for W {@code [out, in]} row-major. */
    private static double[] affine(double[] x, float[] weight, float[] bias, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double sum = bias == null ? 0 : bias[o];
            for (int i = 0; i < x.length; i++) {
                sum += (double) weight[o * x.length + i] * x[i];
            }
            y[o] = sum;
        }
        return y;
    }

    private static double[] layerNorm(double[] x, float[] gamma, float[] beta, double eps) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(var + eps) * gamma[i] + beta[i];
        }
        return y;
    }
}
