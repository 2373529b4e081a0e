package dev.probe.model.onnx;

import java.util.List;
import java.util.Optional;

/**
 * A LayerNorm found in an ONNX graph: either one {@code LayerNormalization} node (opset 17+) or the decomposition
 * PyTorch exports for older opsets:
 *
 * <pre>
 * d = Sub(x, ReduceMean(x));  y = Add(Mul(Div(d, Sqrt(Add(ReduceMean(Pow(d, 2)), eps))), weight), bias)
 * </pre>
 *
 * @param weight the initializer name of the scale (gamma)
 * @param bias the initializer name of the shift (beta)
 * @param epsilon the constant added to the variance
 * @param output the normalized tensor
 */
record LayerNormMatch(String weight, String bias, float epsilon, String output) {
    private static final float DEFAULT_EPSILON = 1e-5f;

    /** The LayerNorm that reads {@code x}, if there is exactly one of the expected form. */
    static Optional<LayerNormMatch> find(GraphIndex index, String x) {
        for (OnnxNode node : index.consumers(x, "LayerNormalization")) {
            if (node.input(0).equals(x) && index.initializer(node.input(1)).isPresent()
                    && index.initializer(node.input(2)).isPresent()) {
                float eps = node.attribute("epsilon").map(OnnxAttribute::f).orElse(DEFAULT_EPSILON);
                return Optional.of(new LayerNormMatch(node.input(1), node.input(2), eps, node.output(0)));
            }
        }
        List<OnnxNode> means = index.consumers(x, "ReduceMean");
        if (means.size() != 1) {
            return Optional.empty();
        }
        String mean = means.get(0).output(0);
        Optional<OnnxNode> sub = index.consumers(x, "Sub").stream()
                .filter(n -> n.input(0).equals(x) && n.input(1).equals(mean)).findFirst();
        if (sub.isEmpty()) {
            return Optional.empty();
        }
        String centered = sub.get().output(0);
        Optional<OnnxNode> div = index.consumers(centered, "Div").stream()
                .filter(n -> n.input(0).equals(centered)).findFirst();
        Optional<OnnxNode> sqrt = div.flatMap(n -> index.producer(n.input(1))).filter(n -> n.is("Sqrt"));
        Optional<OnnxNode> addEps = sqrt.flatMap(n -> index.producer(n.input(0))).filter(n -> n.is("Add"));
        Optional<Float> eps = addEps.flatMap(n -> epsilon(index, n));
        Optional<OnnxNode> mul = div.flatMap(n -> only(index.consumers(n.output(0)), "Mul"));
        Optional<OnnxNode> add = mul.flatMap(n -> only(index.consumers(n.output(0)), "Add"));
        if (eps.isEmpty() || add.isEmpty()) {
            return Optional.empty();
        }
        String weight = index.initializerInput(mul.get());
        String bias = index.initializerInput(add.get());
        if (weight.isEmpty() || bias.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LayerNormMatch(weight, bias, eps.get(), add.get().output(0)));
    }

    /** The scalar float constant among an Add's operands. */
    private static Optional<Float> epsilon(GraphIndex index, OnnxNode add) {
        for (String input : add.inputs()) {
            Optional<OnnxTensor> constant = index.constant(input);
            if (constant.isPresent() && constant.get().isNumeric() && constant.get().elementCount() == 1) {
                return Optional.of(constant.get().floats()[0]);
            }
        }
        return Optional.empty();
    }

    private static Optional<OnnxNode> only(List<OnnxNode> nodes, String opType) {
        return nodes.size() == 1 && nodes.get(0).is(opType) ? Optional.of(nodes.get(0)) : Optional.empty();
    }
}
