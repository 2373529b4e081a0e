package dev.probe.model.onnx;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The self-attention of one BERT layer, identified by structure:
 *
 * <pre>
 * scores  = MatMul(Transpose(Reshape(query)), Transpose(Reshape(key)))      query left, key right
 * probs   = Softmax(Add(Div(scores, √d), mask))
 * context = MatMul(probs, Transpose(Reshape(value)))                        value right
 * </pre>
 *
 * @param query the projection that is the left operand of the score MatMul
 * @param key the projection that is its right operand
 * @param value the projection that is the right operand of the MatMul after the Softmax
 * @param context that MatMul (its output is the per-head context)
 * @param heads the head count, from the query's Reshape target shape {@code [batch, seq, heads, headSize]}
 */
record AttentionMatch(DenseMatch query, DenseMatch key, DenseMatch value, OnnxNode context, int heads) {
    private static final Set<String> SHAPE_OPS = Set.of("Reshape", "Transpose");
    private static final Set<String> SCORE_OPS = Set.of("Div", "Mul", "Add", "Sub", "Where", "Cast");

    /** Where a projection ends up: a MatMul, which operand, and the first Reshape on the way. */
    private record Arrival(OnnxNode matMul, int operand, OnnxNode reshape) {
    }

    /**
     * Identifies query, key and value among the three weighted MatMuls that read the layer input.
     *
     * @param self the Hugging Face prefix {@code encoder.layer.i.attention.self.}, for messages
     * @throws ProbeException naming the Hugging Face tensor whose role cannot be established
     */
    static AttentionMatch find(GraphIndex index, List<OnnxNode> projections, int hidden, Path file, String self)
            throws ProbeException {
        DenseMatch query = null;
        Arrival score = null;
        List<DenseMatch> others = new ArrayList<>();
        List<Arrival> otherArrivals = new ArrayList<>();
        for (OnnxNode node : projections) {
            DenseMatch dense = DenseMatch.of(index, node, file, self + "{query,key,value}.bias");
            Arrival arrival = arrive(index, dense.output());
            if (arrival == null) {
                throw BertGraphMatcher.missing(file, self + "{query,key,value}.weight", "projection " + node.name()
                        + " does not reach a MatMul through Reshape/Transpose");
            }
            if (arrival.operand() == 0 && query == null) {
                query = dense;
                score = arrival;
            } else {
                others.add(dense);
                otherArrivals.add(arrival);
            }
        }
        if (query == null) {
            throw BertGraphMatcher.missing(file, self + "query.weight",
                    "no projection is the left operand of the attention-score MatMul");
        }
        OnnxNode context = contextAfter(index, score.matMul());
        if (context == null) {
            throw BertGraphMatcher.missing(file, self + "value.weight",
                    "no Softmax followed by a MatMul after the attention scores " + score.matMul().name());
        }
        DenseMatch key = null;
        DenseMatch value = null;
        for (int k = 0; k < others.size(); k++) {
            Arrival arrival = otherArrivals.get(k);
            if (arrival.operand() == 1 && arrival.matMul() == score.matMul() && key == null) {
                key = others.get(k);
            } else if (arrival.operand() == 1 && arrival.matMul() == context && value == null) {
                value = others.get(k);
            }
        }
        if (key == null) {
            throw BertGraphMatcher.missing(file, self + "key.weight",
                    "no projection is the right operand of the attention-score MatMul");
        }
        if (value == null) {
            throw BertGraphMatcher.missing(file, self + "value.weight",
                    "no projection is the right operand of the MatMul after the Softmax");
        }
        List<Long> shape = score.reshape() == null ? List.of() : index.shapeValues(score.reshape().input(1));
        int n = shape.size();
        Long heads = n >= 2 ? shape.get(n - 2) : null;
        Long headSize = n >= 2 ? shape.get(n - 1) : null;
        if (heads == null || headSize == null || heads <= 0 || heads * headSize != hidden) {
            throw BertGraphMatcher.missing(file, self + "query.weight",
                    "cannot read the head count from the query Reshape, target shape " + shape);
        }
        return new AttentionMatch(query, key, value, context, heads.intValue());
    }

    /** Follows a tensor through Reshape/Transpose (ignoring Shape readers) to the MatMul it feeds. */
    private static Arrival arrive(GraphIndex index, String tensor) {
        OnnxNode reshape = null;
        for (int step = 0; step < 6; step++) {
            List<OnnxNode> next = index.consumers(tensor).stream().filter(n -> !n.is("Shape")).toList();
            if (next.size() != 1) {
                return null;
            }
            OnnxNode node = next.get(0);
            if (node.is("MatMul")) {
                return new Arrival(node, node.inputs().indexOf(tensor), reshape);
            }
            if (!SHAPE_OPS.contains(node.opType()) || !node.input(0).equals(tensor)) {
                return null;
            }
            reshape = reshape == null && node.is("Reshape") ? node : reshape;
            tensor = node.output(0);
        }
        return null;
    }

    /** The MatMul whose left operand is the Softmax of the scores, or {@code null}. */
    private static OnnxNode contextAfter(GraphIndex index, OnnxNode scoreMatMul) {
        String t = scoreMatMul.output(0);
        for (int step = 0; step < 6; step++) {
            List<OnnxNode> next = index.consumers(t);
            if (next.size() != 1) {
                return null;
            }
            OnnxNode node = next.get(0);
            if (node.is("Softmax")) {
                String probabilities = node.output(0);
                List<OnnxNode> context = index.consumers(probabilities, "MatMul").stream()
                        .filter(n -> n.input(0).equals(probabilities)).toList();
                return context.size() == 1 ? context.get(0) : null;
            }
            if (!SCORE_OPS.contains(node.opType())) {
                return null;
            }
            t = node.output(0);
        }
        return null;
    }

    /** The weighted MatMul that reads the merged context ({@code attention.output.dense}), or {@code null}. */
    OnnxNode outputDense(GraphIndex index) {
        Arrival merged = arrive(index, context.output(0));
        return merged != null && merged.operand() == 0 && DenseMatch.isWeighted(index, merged.matMul())
                ? merged.matMul() : null;
    }
}
