package dev.probe.model.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operator of an ONNX graph ({@code NodeProto}). Tensors are referred to by name; an omitted optional input is
 * the empty string.
 *
 * @param name the node name, e.g. {@code "/encoder/layer.0/attention/self/query/MatMul"} (may be empty)
 * @param opType the operator, e.g. {@code "MatMul"}
 * @param inputs the names of the input tensors, in operand order
 * @param outputs the names of the output tensors
 * @param attributes the attributes by name
 */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
        Map<String, OnnxAttribute> attributes) {

    /** Makes the collections unmodifiable. */
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    /** The name of input {@code index}, or "" when the node has fewer inputs. */
    public String input(int index) {
        return index < inputs.size() ? inputs.get(index) : "";
    }

    /** The name of output {@code index}, or "" when the node has fewer outputs. */
    public String output(int index) {
        return index < outputs.size() ? outputs.get(index) : "";
    }

    /** An attribute by name. */
    public Optional<OnnxAttribute> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** Whether this node is the given operator. */
    public boolean is(String operator) {
        return opType.equals(operator);
    }

    /** Reads a {@code NodeProto} (input = 1, output = 2, name = 3, op_type = 4, attribute = 5). */
    static OnnxNode read(ProtoReader in) throws MalformedProtoException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        Map<String, OnnxAttribute> attributes = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            switch (in.nextField()) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> opType = in.readString();
                case 5 -> {
                    OnnxAttribute attribute = OnnxAttribute.read(in.readMessage());
                    attributes.put(attribute.name(), attribute);
                }
                default -> in.skipField();
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }
}
