package dev.probe.model.onnx;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dense layer as PyTorch exports it: {@code output = Add(bias, MatMul(x, weight))} with the weight an {@code [in, out]}
 * initializer and the bias a 1-D initializer.
 *
 * @param matMul the MatMul node
 * @param weight the initializer name of the weight
 * @param bias the initializer name of the bias
 * @param output the tensor after the bias
 */
record DenseMatch(OnnxNode matMul, String weight, String bias, String output) {

    /**
     * The dense layer of a weighted MatMul.
     *
     * @throws ProbeException naming {@code biasHfName} when no bias Add follows
     */
    static DenseMatch of(GraphIndex index, OnnxNode matMul, Path file, String biasHfName) throws ProbeException {
        for (OnnxNode add : index.consumers(matMul.output(0), "Add")) {
            String bias = index.initializerInput(add);
            if (!bias.isEmpty() && index.initializer(bias).orElseThrow().dims().length == 1) {
                return new DenseMatch(matMul, matMul.input(1), bias, add.output(0));
            }
        }
        throw BertGraphMatcher.missing(file, biasHfName, "no bias Add after " + matMul.name());
    }

    /** The MatMuls whose left operand is {@code x} and whose right operand is a weight matrix. */
    static List<OnnxNode> readers(GraphIndex index, String x) {
        return index.consumers(x, "MatMul").stream().filter(n -> n.input(0).equals(x) && isWeighted(index, n))
                .toList();
    }

    /** Whether a MatMul's right operand is a 2-D initializer. */
    static boolean isWeighted(GraphIndex index, OnnxNode matMul) {
        return index.initializer(matMul.input(1)).map(t -> t.dims().length == 2).orElse(false);
    }
}
