package dev.probe.model.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Hashes;
import dev.probe.io.InputFiles;
import dev.probe.io.JsonErrors;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.model.WordTokenizer;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Imports a BERT encoder exported to ONNX (as shipped in the langchain4j embedding jars) into a Hugging Face model
 * folder that a {@code BertModel} loader reads:
 *
 * <ul>
 *   <li>{@code config.json}: {@code BertModel}, sizes read from the graph, {@code layer_norm_eps} from its LayerNorm
 *       epsilon, {@code hidden_act "gelu"} (the graph's GELU is checked to be the erf form);</li>
 *   <li>{@code model.safetensors}: the 5 embedding tensors and 16 per layer under their Hugging Face names, float32; the
 *       ONNX MatMul weights ({@code [in, out]}) are transposed to Hugging Face's {@code [out, in]};</li>
 *   <li>{@code tokenizer.json}: a byte copy of the given tokenizer;</li>
 *   <li>{@code import.json}: provenance, input hashes and the ONNX → Hugging Face name mapping.</li>
 * </ul>
 *
 * <p>The folder appears atomically (written to a temporary sibling, then renamed). Weight roles come from the graph
 * structure, see {@link BertGraphMatcher}.
 */
public final class BertOnnxImporter {
    private BertOnnxImporter() {
    }

    /**
     * Imports a model.
     *
     * @param onnxFile the {@code .onnx} file (float32, weights inside the file)
     * @param tokenizerJson the Hugging Face {@code tokenizer.json} that goes with it
     * @param outDir the folder to create
     * @param force whether an existing {@code outDir} may be replaced
     * @return the folder and the model's sizes
     * @throws ProbeException naming the file at fault: {@code outDir} exists without {@code force}, the ONNX file is
     *     corrupt or not a BERT encoder (naming the Hugging Face tensor that cannot be found), the tokenizer is missing
     *     or does not fit the vocabulary, or the folder cannot be written
     */
    public static ImportResult importModel(Path onnxFile, Path tokenizerJson, Path outDir, boolean force)
            throws ProbeException {
        OutputGuard.check(outDir, OutputKind.MODEL, force, List.of(onnxFile, tokenizerJson));
        int tokenizerVocab = tokenizerVocabSize(tokenizerJson);
        try (AtomicDirectory out = AtomicDirectory.create(outDir, OutputKind.MODEL, force)) {
            OnnxGraph graph = OnnxGraph.read(onnxFile);
            BertGraphMatcher.Match match = BertGraphMatcher.match(graph, onnxFile);
            if (tokenizerVocab > match.vocab()) {
                throw new ProbeException(tokenizerJson, "the tokenizer has " + tokenizerVocab + " tokens but the model's "
                        + "word-embedding table only " + match.vocab() + " rows");
            }
            Path dir = out.path();
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            try {
                SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors(graph, match), Map.of());
                json.writeValue(dir.resolve("config.json").toFile(), config(json, match));
                Files.copy(tokenizerJson, dir.resolve("tokenizer.json"));
                json.writeValue(dir.resolve("import.json").toFile(),
                        manifest(json, onnxFile, tokenizerJson, dir.resolve("model.safetensors"), match));
            } catch (IOException e) {
                throw new ProbeException(outDir, "cannot write the imported model: " + e.getMessage(), e);
            }
            out.commit();
            return new ImportResult(out.target(), match.layers(), match.hidden(), match.heads(), match.intermediate(),
                    match.vocab());
        }
    }

    /** The tensors under their Hugging Face names, dense weights transposed to {@code [out, in]}. */
    private static SortedMap<String, FloatTensor> tensors(OnnxGraph graph, BertGraphMatcher.Match match) {
        SortedMap<String, FloatTensor> tensors = new TreeMap<>();
        match.tensors().forEach((hfName, source) -> {
            OnnxTensor onnx = graph.initializers().get(source.onnxName());
            FloatTensor tensor = new FloatTensor(onnx.dims(), onnx.floats());
            tensors.put(hfName, source.transpose() ? tensor.transpose2d() : tensor);
        });
        return tensors;
    }

    /** A Hugging Face {@code BertConfig}. */
    private static ObjectNode config(ObjectMapper json, BertGraphMatcher.Match match) {
        ObjectNode config = json.createObjectNode();
        config.putArray("architectures").add("BertModel");
        config.put("model_type", "bert");
        config.put("hidden_size", match.hidden());
        config.put("num_hidden_layers", match.layers());
        config.put("num_attention_heads", match.heads());
        config.put("intermediate_size", match.intermediate());
        config.put("hidden_act", "gelu");
        config.put("vocab_size", match.vocab());
        config.put("max_position_embeddings", match.maxPositions());
        config.put("type_vocab_size", match.typeVocab());
        config.put("layer_norm_eps", match.layerNormEps());
        config.put("pad_token_id", 0);
        config.put("position_embedding_type", "absolute");
        config.put("torch_dtype", "float32");
        return config;
    }

    /** {@code import.json}: who imported what from where, and which ONNX tensor became which Hugging Face tensor. */
    private static ObjectNode manifest(ObjectMapper json, Path onnxFile, Path tokenizerJson, Path safetensors,
            BertGraphMatcher.Match match) throws ProbeException, IOException {
        ObjectNode manifest = json.createObjectNode();
        manifest.set("tool", json.valueToTree(Provenance.now()));
        manifest.put("kind", "onnx-import");
        ObjectNode source = manifest.putObject("source");
        source.put("onnx", onnxFile.toAbsolutePath().toString());
        source.put("onnx_sha256", sha256(onnxFile));
        source.put("tokenizer", tokenizerJson.toAbsolutePath().toString());
        source.put("tokenizer_sha256", sha256(tokenizerJson));
        manifest.putObject("outputs").put("model.safetensors", Hashes.sha256(safetensors));
        ObjectNode mapping = manifest.putObject("mapping");
        var transposed = manifest.putArray("transposed");
        match.tensors().forEach((hfName, s) -> {
            mapping.put(s.onnxName(), hfName);
            if (s.transpose()) {
                transposed.add(s.onnxName());
            }
        });
        return manifest;
    }

    /** The number of entries in {@code model.vocab}, or 0 when the tokenizer has none. */
    private static int tokenizerVocabSize(Path tokenizerJson) throws ProbeException {
        byte[] bytes = InputFiles.readSmall(tokenizerJson, WordTokenizer.MAX_FILE_BYTES, "a tokenizer.json");
        try {
            JsonNode root = new ObjectMapper().readTree(bytes);
            JsonNode vocab = root == null ? null : root.path("model").get("vocab");
            if (root == null || !root.isObject()) {
                throw new ProbeException(tokenizerJson, "not a tokenizer.json: not a JSON object");
            }
            return vocab == null ? 0 : vocab.size();
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(tokenizerJson, "not a tokenizer.json", e);
        } catch (IOException e) {
            throw new ProbeException(tokenizerJson, "not a tokenizer.json: " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws ProbeException {
        try {
            return Hashes.sha256(file);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
