package dev.probe.model.onnx;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds the Hugging Face role of every weight of a BERT encoder exported to ONNX, by following the graph.
 *
 * <p>From the embedding LayerNorm's output, each layer is matched as: three weighted MatMuls read the layer input; the
 * one reaching the score MatMul as its left operand is the query, the one reaching it on the right (through Reshape and
 * Transpose) the key, the one reaching the MatMul after the Softmax the value. The merged context feeds
 * {@code attention.output.dense}; a residual Add with the layer input and a LayerNorm follow. The intermediate dense
 * feeds an erf-based GELU, whose result feeds {@code output.dense}, again followed by a residual Add and LayerNorm. The
 * head count is read from the query's Reshape target shape.
 *
 * <p>Names are used only as a cross-check: an initializer that carries a Hugging Face name (biases and LayerNorms do in
 * PyTorch exports) must carry the one its structural role gives it.
 */
final class BertGraphMatcher {
    /** Where one Hugging Face tensor comes from: an ONNX initializer, transposed for the [in, out] MatMul weights. */
    record Source(String onnxName, boolean transpose) {
    }

    /** The matched encoder; {@code tensors} maps each Hugging Face name to its source. */
    record Match(int layers, int hidden, int heads, int intermediate, int vocab, int maxPositions, int typeVocab,
            double layerNormEps, SortedMap<String, Source> tensors) {
    }

    private static final Set<String> GELU_OPS = Set.of("Div", "Mul", "Add", "Erf", "Sqrt", "Cast");
    private static final Set<String> ID_OPS = Set.of("Slice", "Expand", "Unsqueeze", "Squeeze", "Cast", "Reshape");

    private final GraphIndex index;
    private final Path file;
    private final SortedMap<String, Source> tensors = new TreeMap<>();
    private final Set<Float> epsilons = new HashSet<>();
    private int heads;
    private int intermediate;

    private BertGraphMatcher(OnnxGraph graph, Path file) {
        this.index = new GraphIndex(graph);
        this.file = file;
    }

    /**
     * Matches a graph.
     *
     * @param file the ONNX file, for messages
     * @throws ProbeException naming the file and the Hugging Face tensor that cannot be found, or what does not look
     *     like a BERT encoder
     */
    static Match match(OnnxGraph graph, Path file) throws ProbeException {
        return new BertGraphMatcher(graph, file).run();
    }

    private Match run() throws ProbeException {
        String wordName = "embeddings.word_embeddings.weight";
        long[] word = embedding(wordName, -1);
        int hidden = (int) word[1];
        long[] positions = embedding("embeddings.position_embeddings.weight", hidden);
        long[] types = embedding("embeddings.token_type_embeddings.weight", hidden);
        checkPositionIds("embeddings.position_embeddings.weight");
        String x = gatherOf(wordName).output(0);
        for (int step = 0; step < 4 && !isNormalized(x); step++) {
            List<OnnxNode> adds = index.consumers(x, "Add");
            x = adds.size() == 1 ? adds.get(0).output(0) : x;
        }
        x = layerNorm(x, "embeddings.LayerNorm", hidden);
        int layers = 0;
        for (List<OnnxNode> qkv = DenseMatch.readers(index, x); !qkv.isEmpty(); qkv = DenseMatch.readers(index, x)) {
            x = layer(layers++, x, qkv, hidden);
        }
        if (layers == 0) {
            throw missing(file, "encoder.layer.0.attention.self.query.weight",
                    "no weighted MatMul reads the embedding output");
        }
        if (epsilons.size() != 1) {
            throw new ProbeException(file, "the LayerNorms use different epsilons " + epsilons);
        }
        double eps = Double.parseDouble(Float.toString(epsilons.iterator().next()));
        return new Match(layers, hidden, heads, intermediate, (int) word[0], (int) positions[0], (int) types[0], eps,
                tensors);
    }

    /** Matches encoder layer {@code i} reading {@code x}; returns its output tensor. */
    private String layer(int i, String x, List<OnnxNode> projections, int hidden) throws ProbeException {
        String p = "encoder.layer." + i + ".";
        String self = p + "attention.self.";
        if (projections.size() != 3) {
            throw missing(file, self + "query.weight", projections.size() + " weighted MatMuls read the layer "
                    + "input, expected 3 (query, key, value)");
        }
        AttentionMatch attention = AttentionMatch.find(index, projections, hidden, file, self);
        if (heads != 0 && heads != attention.heads()) {
            throw missing(file, self + "query.weight", attention.heads() + " heads, earlier layers " + heads);
        }
        heads = attention.heads();
        dense(self + "query", attention.query(), hidden, hidden);
        dense(self + "key", attention.key(), hidden, hidden);
        dense(self + "value", attention.value(), hidden, hidden);
        OnnxNode merged = attention.outputDense(index);
        if (merged == null) {
            throw missing(file, p + "attention.output.dense.weight", "the merged context feeds no weighted MatMul");
        }
        DenseMatch attentionOut = DenseMatch.of(index, merged, file, p + "attention.output.dense.bias");
        dense(p + "attention.output.dense", attentionOut, hidden, hidden);
        String y = layerNorm(residual(attentionOut, x, p + "attention.output.LayerNorm.weight"),
                p + "attention.output.LayerNorm", hidden);

        List<OnnxNode> up = DenseMatch.readers(index, y);
        if (up.size() != 1) {
            throw missing(file, p + "intermediate.dense.weight", up.size() + " weighted MatMuls read the attention "
                    + "output, expected 1");
        }
        DenseMatch inter = DenseMatch.of(index, up.get(0), file, p + "intermediate.dense.bias");
        long size = index.initializer(inter.weight()).orElseThrow().dims()[1];
        if (intermediate != 0 && intermediate != size) {
            throw new ProbeException(file, p + "intermediate.dense has size " + size + ", earlier layers " + intermediate);
        }
        intermediate = (int) size;
        dense(p + "intermediate.dense", inter, size, hidden);
        OnnxNode downMatMul = afterGelu(inter.output(), p + "output.dense.weight");
        DenseMatch down = DenseMatch.of(index, downMatMul, file, p + "output.dense.bias");
        dense(p + "output.dense", down, hidden, size);
        return layerNorm(residual(down, y, p + "output.LayerNorm.weight"), p + "output.LayerNorm", hidden);
    }

    /** Records a dense layer's weight (transposed to HF {@code [out, in]}) and bias. */
    private void dense(String hfPrefix, DenseMatch dense, long out, long in) throws ProbeException {
        put(hfPrefix + ".weight", dense.weight(), true, out, in);
        put(hfPrefix + ".bias", dense.bias(), false, out);
    }

    /** Walks the erf GELU after the intermediate dense to the weighted MatMul that reads its result. */
    private OnnxNode afterGelu(String start, String hfName) throws ProbeException {
        List<String> frontier = new ArrayList<>(List.of(start));
        Set<OnnxNode> seen = new HashSet<>();
        boolean erf = false;
        OnnxNode found = null;
        while (!frontier.isEmpty() && seen.size() < 32) {
            String t = frontier.remove(0);
            for (OnnxNode node : index.consumers(t)) {
                if (node.is("MatMul") && DenseMatch.isWeighted(index, node) && node.input(0).equals(t)) {
                    if (found != null && found != node) {
                        throw missing(file, hfName, "two weighted MatMuls follow the intermediate dense");
                    }
                    found = node;
                } else if (GELU_OPS.contains(node.opType()) && seen.add(node)) {
                    erf |= node.is("Erf");
                    frontier.add(node.output(0));
                }
            }
        }
        if (found == null || !erf) {
            throw missing(file, hfName, found == null ? "no weighted MatMul after the intermediate activation"
                    : "the intermediate activation is not the exact (erf) GELU");
        }
        return found;
    }

    /** The Add of a sub-block's output and its input (the residual connection). */
    private String residual(DenseMatch dense, String input, String hfName) throws ProbeException {
        for (OnnxNode add : index.consumers(dense.output(), "Add")) {
            if (add.inputs().contains(input)) {
                return add.output(0);
            }
        }
        throw missing(file, hfName, "no residual Add after " + dense.matMul().name());
    }

    /** Matches the LayerNorm reading {@code x} (a LayerNormalization node or its opset-11 decomposition). */
    private String layerNorm(String x, String hfPrefix, int hidden) throws ProbeException {
        LayerNormMatch norm = LayerNormMatch.find(index, x)
                .orElseThrow(() -> missing(file, hfPrefix + ".weight", "no LayerNorm reads tensor '" + x + "'"));
        epsilons.add(norm.epsilon());
        put(hfPrefix + ".weight", norm.weight(), false, hidden);
        put(hfPrefix + ".bias", norm.bias(), false, hidden);
        return norm.output();
    }

    /** Checks that position ids, where they are constants, are 0, 1, 2, … (absolute positions). */
    private void checkPositionIds(String table) throws ProbeException {
        for (OnnxNode gather : index.consumers(table, "Gather")) {
            String ids = gather.input(1);
            for (int step = 0; step < 6; step++) {
                Optional<OnnxTensor> constant = index.constant(ids).filter(OnnxTensor::isNumeric);
                if (constant.isPresent()) {
                    long[] values = constant.get().longs();
                    long[] dims = constant.get().dims();
                    long row = dims.length == 0 ? 1 : dims[dims.length - 1];
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] != i % row) {
                            throw new ProbeException(file, "position ids '" + constant.get().name() + "' are not 0, 1, "
                                    + "2, …; only absolute position embeddings are supported");
                        }
                    }
                    break;
                }
                Optional<OnnxNode> producer = index.producer(ids);
                if (producer.isEmpty() || !ID_OPS.contains(producer.get().opType())) {
                    break;
                }
                ids = producer.get().input(0);
            }
        }
    }

    private long[] embedding(String name, int hidden) throws ProbeException {
        OnnxTensor table = index.initializer(name)
                .orElseThrow(() -> missing(file, name, "the ONNX file has no initializer of that name"));
        long[] dims = table.dims();
        if (dims.length != 2 || (hidden > 0 && dims[1] != hidden)) {
            throw new ProbeException(file, "embedding table '" + name + "' has shape " + Arrays.toString(dims)
                    + (hidden > 0 ? ", expected [n, " + hidden + "]" : ", expected a matrix"));
        }
        gatherOf(name);
        put(name, name, false, dims);
        return dims;
    }

    private OnnxNode gatherOf(String table) throws ProbeException {
        return index.consumers(table, "Gather").stream().filter(g -> g.input(0).equals(table)).findFirst()
                .orElseThrow(() -> missing(file, table, "no Gather reads the embedding table"));
    }

    private boolean isNormalized(String x) {
        return !index.consumers(x, "ReduceMean").isEmpty() || !index.consumers(x, "LayerNormalization").isEmpty();
    }

    /**
     * Records a source after checking its type, its shape (given in Hugging Face orientation) and its name.
     */
    private void put(String hfName, String onnxName, boolean transpose, long... hfShape) throws ProbeException {
        OnnxTensor tensor = index.initializer(onnxName).orElseThrow(() -> missing(file, hfName, "no initializer"));
        if (tensor.dataType() != OnnxTensor.FLOAT) {
            throw new ProbeException(file, "'" + onnxName + "' (" + hfName + ") has ONNX data type "
                    + tensor.dataType() + "; only float32 models can be imported (not quantized ones)");
        }
        long[] expected = hfShape.clone();
        if (transpose) {
            expected = new long[] {hfShape[1], hfShape[0]};
        }
        if (!Arrays.equals(tensor.dims(), expected)) {
            throw new ProbeException(file, "'" + onnxName + "' (" + hfName + ") has shape "
                    + Arrays.toString(tensor.dims()) + ", expected " + Arrays.toString(expected));
        }
        boolean hfNamed = onnxName.startsWith("embeddings.") || onnxName.startsWith("encoder.");
        if (hfNamed && !onnxName.equals(hfName)) {
            throw new ProbeException(file, "the graph structure makes '" + onnxName + "' the tensor '" + hfName
                    + "'; the names disagree, so this does not look like a BERT encoder export");
        }
        for (var entry : tensors.entrySet()) {
            if (entry.getValue().onnxName().equals(onnxName) && !entry.getKey().equals(hfName)) {
                throw new ProbeException(file, "'" + onnxName + "' would be both " + entry.getKey() + " and " + hfName);
            }
        }
        tensors.put(hfName, new Source(onnxName, transpose));
    }

    /** The error for a Hugging Face tensor whose source cannot be found. */
    static ProbeException missing(Path file, String hfName, String why) {
        return new ProbeException(file, "not a BERT encoder graph: cannot find '" + hfName + "': " + why);
    }
}
