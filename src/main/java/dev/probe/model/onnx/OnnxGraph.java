package dev.probe.model.onnx;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The main graph of an ONNX model ({@code ModelProto.graph}): its nodes in file (topological) order, its initializers
 * and the names of its inputs and outputs. Sub-graphs, sparse initializers and value infos are not read.
 *
 * <p>{@link #read(Path)} memory-maps the file; initializer data stay slices of the mapping until asked for.
 *
 * @param name the graph name
 * @param nodes the nodes, in file order
 * @param initializers the initializers by name, in file order
 * @param inputs the names of the graph inputs (initializers may be listed here too in old files)
 * @param outputs the names of the graph outputs
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers, List<String> inputs,
        List<String> outputs) {

    /** Makes the collections unmodifiable (the initializer map keeps its order). */
    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * Reads the main graph of an {@code .onnx} file.
     *
     * @throws ProbeException naming the file if it cannot be read, is not valid protobuf (e.g. truncated), has no graph,
     *     is 2 GiB or larger, or keeps tensor data in external files
     */
    public static OnnxGraph read(Path onnxFile) throws ProbeException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(onnxFile, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size >= Integer.MAX_VALUE) {
                throw new ProbeException(onnxFile, "ONNX file of " + size + " bytes is too large (2 GiB limit; "
                        + "external data files are not supported)");
            }
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new ProbeException(onnxFile, "ONNX file not found", e);
        } catch (IOException e) {
            throw new ProbeException(onnxFile, "cannot read ONNX file: " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (MalformedProtoException e) {
            throw new ProbeException(onnxFile, "not a valid ONNX model (corrupt or truncated protobuf): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Parses a serialized {@code ModelProto} (graph = 7) and returns its graph.
     *
     * @param model the bytes from the buffer's position to its limit; the buffer is not changed, and tensor data refer to it
     * @throws MalformedProtoException if the bytes are not a valid model or have no graph
     */
    public static OnnxGraph parse(ByteBuffer model) throws MalformedProtoException {
        ProtoReader in = new ProtoReader(model);
        OnnxGraph graph = null;
        while (in.hasRemaining()) {
            if (in.nextField() == 7) {
                graph = readGraph(in.readMessage());
            } else {
                in.skipField();
            }
        }
        if (graph == null) {
            throw new MalformedProtoException(in.position(), "no graph (ModelProto field 7) in the model");
        }
        return graph;
    }

    /**
     * The constant value of a tensor: an initializer of that name, or the {@code value} of the {@code Constant} node
     * that produces it ({@code value_float}, {@code value_int}, {@code value_floats} and {@code value_ints} are
     * accepted too).
     */
    public Optional<OnnxTensor> constant(String tensorName) {
        OnnxTensor initializer = initializers.get(tensorName);
        if (initializer != null) {
            return Optional.of(initializer);
        }
        for (OnnxNode node : nodes) {
            if (node.is("Constant") && node.outputs().contains(tensorName)) {
                return constantValue(node, tensorName);
            }
        }
        return Optional.empty();
    }

    /** The value of a {@code Constant} node, as a tensor named after its output. */
    static Optional<OnnxTensor> constantValue(OnnxNode node, String tensorName) {
        for (OnnxAttribute attribute : node.attributes().values()) {
            switch (attribute.name()) {
                case "value" -> {
                    OnnxTensor t = attribute.t();
                    return t == null ? Optional.empty()
                            : Optional.of(new OnnxTensor(tensorName, t.dims(), t.dataType(), t.data()));
                }
                case "value_float" -> {
                    return Optional.of(floats(tensorName, new long[0], new float[] {attribute.f()}));
                }
                case "value_floats" -> {
                    float[] values = attribute.floats();
                    return Optional.of(floats(tensorName, new long[] {values.length}, values));
                }
                case "value_int" -> {
                    return Optional.of(longs(tensorName, new long[0], new long[] {attribute.i()}));
                }
                case "value_ints" -> {
                    long[] values = attribute.ints();
                    return Optional.of(longs(tensorName, new long[] {values.length}, values));
                }
                default -> {
                    // not a value attribute
                }
            }
        }
        return Optional.empty();
    }

    private static OnnxTensor floats(String name, long[] dims, float[] values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return new OnnxTensor(name, dims, OnnxTensor.FLOAT, data);
    }

    private static OnnxTensor longs(String name, long[] dims, long[] values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return new OnnxTensor(name, dims, OnnxTensor.INT64, data);
    }

    /**
     * Reads a {@code GraphProto} (node = 1, name = 2, initializer = 5, input = 11, output = 12; a
     * {@code ValueInfoProto}'s name is its field 1).
     */
    private static OnnxGraph readGraph(ProtoReader in) throws MalformedProtoException {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (in.hasRemaining()) {
            switch (in.nextField()) {
                case 1 -> nodes.add(OnnxNode.read(in.readMessage()));
                case 2 -> name = in.readString();
                case 5 -> {
                    OnnxTensor tensor = OnnxTensor.read(in.readMessage());
                    initializers.put(tensor.name(), tensor);
                }
                case 11 -> inputs.add(valueInfoName(in.readMessage()));
                case 12 -> outputs.add(valueInfoName(in.readMessage()));
                default -> in.skipField();
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static String valueInfoName(ProtoReader in) throws MalformedProtoException {
        String name = "";
        while (in.hasRemaining()) {
            if (in.nextField() == 1) {
                name = in.readString();
            } else {
                in.skipField();
            }
        }
        return name;
    }
}
