package dev.probe.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Sentence;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java forward pass of the embedded MiniLM (imported from its ONNX graph) equals ONNX Runtime running that same
 * graph: last hidden state within 1e-4 on 24 sentences of varied length, batched with right padding.
 */
class MiniLmOnnxRuntimeTest {

    @Test
    void lastHiddenStateEqualsOnnxRuntime(@TempDir Path tmp) throws Exception {
        Path onnx = tmp.resolve("minilm.onnx");
        try (InputStream in = getClass().getResourceAsStream(ModelAlias.KNOWN.get(0).onnxResource())) {
            Files.copy(in, onnx);
        }
        List<Sentence> sentences = new ArrayList<>(Corpora.read(Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu"),
                null, "xpos").sentences().subList(0, 23));
        List<String> longWords = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            longWords.addAll(sentences.get(i).words());
        }
        sentences.add(new Sentence(longWords, longWords, 0)); // one long sequence, ~250 tokens
        try (LoadedModel model = new ModelLoader(ModelRepository.atDefaultHome()).load("minilm", null, 512)) {
            WordTokenizer.Template t = model.tokenizer().template();
            List<long[]> sequences = new ArrayList<>();
            for (Sentence s : sentences) {
                long[] sub = model.tokenizer().encode(s.words()).ids();
                long[] seq = new long[sub.length + t.specials()];
                System.arraycopy(t.prefixIds(), 0, seq, 0, t.prefixIds().length);
                System.arraycopy(sub, 0, seq, t.prefixIds().length, sub.length);
                System.arraycopy(t.suffixIds(), 0, seq, t.prefixIds().length + sub.length, t.suffixIds().length);
                sequences.add(seq);
            }
            int size = sequences.size();
            int length = sequences.stream().mapToInt(s -> s.length).max().orElseThrow();
            long[] ids = new long[size * length];
            long[] mask = new long[size * length];
            long[][] ids2 = new long[size][length];
            long[][] mask2 = new long[size][length];
            for (int b = 0; b < size; b++) {
                long[] seq = sequences.get(b);
                for (int i = 0; i < seq.length; i++) {
                    ids[b * length + i] = seq[i];
                    mask[b * length + i] = 1;
                    ids2[b][i] = seq[i];
                    mask2[b][i] = 1;
                }
            }
            int last = model.transformer().info().layers();
            LayerOutputs java = model.transformer().forward(new TokenBatch(size, length, ids, mask, new long[size * length]),
                    ProbePoint.HIDDEN, List.of(last));
            float[][][] reference = runOnnxRuntime(onnx, ids2, mask2, new long[size][length]);
            double worst = 0;
            int compared = 0;
            for (int b = 0; b < size; b++) {
                for (int i = 0; i < sequences.get(b).length; i++) {
                    for (int j = 0; j < 384; j++) {
                        worst = Math.max(worst, Math.abs(java.values().get(0)[java.offset(b, i) + j] - reference[b][i][j]));
                        compared++;
                    }
                }
            }
            assertThat(compared).isGreaterThan(20 * 384);
            assertThat(worst).as("max |java - onnxruntime| over %d values", compared).isLessThan(1e-4);
        }
    }

    private static float[][][] runOnnxRuntime(Path onnx, long[][] ids, long[][] mask, long[][] types) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
                OnnxTensor i = OnnxTensor.createTensor(env, ids);
                OnnxTensor m = OnnxTensor.createTensor(env, mask);
                OnnxTensor t = OnnxTensor.createTensor(env, types);
                OrtSession.Result result = session.run(Map.of("input_ids", i, "attention_mask", m, "token_type_ids", t))) {
            return (float[][][]) result.get(0).getValue();
        }
    }
}
