package dev.probe.model.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who produces and who consumes each tensor of an {@link OnnxGraph}, for walking the graph in either direction.
 */
final class GraphIndex {
    private final OnnxGraph graph;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    GraphIndex(OnnxGraph graph) {
        this.graph = graph;
        for (OnnxNode node : graph.nodes()) {
            for (String output : node.outputs()) {
                producers.put(output, node);
            }
            for (String input : node.inputs()) {
                if (!input.isEmpty()) {
                    consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
                }
            }
        }
    }

    /** The graph. */
    OnnxGraph graph() {
        return graph;
    }

    /** The node that computes a tensor, if a node does (initializers and graph inputs have none). */
    Optional<OnnxNode> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** The nodes that read a tensor, in graph order. */
    List<OnnxNode> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** The consumers of a tensor that are the given operator. */
    List<OnnxNode> consumers(String tensor, String opType) {
        return consumers(tensor).stream().filter(node -> node.is(opType)).toList();
    }

    /** The initializer of that name, if there is one. */
    Optional<OnnxTensor> initializer(String tensor) {
        return Optional.ofNullable(graph.initializers().get(tensor));
    }

    /** The value of an initializer or of a {@code Constant} node's output. */
    Optional<OnnxTensor> constant(String tensor) {
        Optional<OnnxTensor> initializer = initializer(tensor);
        if (initializer.isPresent()) {
            return initializer;
        }
        OnnxNode node = producers.get(tensor);
        return node != null && node.is("Constant") ? OnnxGraph.constantValue(node, tensor) : Optional.empty();
    }

    /**
     * The elements of a 1-D shape tensor, with {@code null} where a value is only known at run time. Constants and
     * {@code Concat}s of constants and run-time scalars (e.g. {@code Unsqueeze(Gather(Shape(x)))}) are resolved.
     */
    List<Long> shapeValues(String tensor) {
        return shapeValues(tensor, 0);
    }

    private List<Long> shapeValues(String tensor, int depth) {
        Optional<OnnxTensor> constant = constant(tensor);
        if (constant.isPresent() && constant.get().isNumeric()) {
            List<Long> values = new ArrayList<>();
            for (long value : constant.get().longs()) {
                values.add(value);
            }
            return values;
        }
        OnnxNode node = producers.get(tensor);
        if (node != null && node.is("Concat") && depth < 4) {
            List<Long> values = new ArrayList<>();
            for (String part : node.inputs()) {
                values.addAll(shapeValues(part, depth + 1));
            }
            return values;
        }
        List<Long> unknown = new ArrayList<>();
        unknown.add(null); // a run-time scalar, e.g. the batch size
        return unknown;
    }

    /** The one input of a node that is an initializer (a weight or bias operand), or "" if none or several. */
    String initializerInput(OnnxNode node) {
        String found = "";
        for (String input : node.inputs()) {
            if (graph.initializers().containsKey(input)) {
                if (!found.isEmpty()) {
                    return "";
                }
                found = input;
            }
        }
        return found;
    }
}
