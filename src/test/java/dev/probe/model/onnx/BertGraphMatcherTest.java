package dev.probe.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The structural matcher on the real MiniLM graph and on copies of it that were damaged on purpose. */
class BertGraphMatcherTest {
    private static final Path FILE = Path.of("minilm.onnx");
    private static OnnxGraph graph;

    @BeforeAll
    static void readGraph() throws Exception {
        try (InputStream in = BertGraphMatcherTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            graph = OnnxGraph.parse(ByteBuffer.wrap(in.readAllBytes()));
        }
    }

    @Test
    void theRealGraphMatches() throws ProbeException {
        BertGraphMatcher.Match match = BertGraphMatcher.match(graph, FILE);
        assertThat(match.layers()).isEqualTo(6);
        assertThat(match.heads()).isEqualTo(12);
        assertThat(match.layerNormEps()).isEqualTo(1e-12);
        assertThat(match.tensors()).hasSize(101);
        assertThat(match.tensors().values().stream().filter(BertGraphMatcher.Source::transpose)).hasSize(36);
    }

    @Test
    void swappedQueryAndKeyOperandsContradictTheBiasNames() {
        // the score MatMul of layer 3 now multiplies key by query: structurally, the "key" projection is the query
        OnnxGraph damaged = mapNodes(graph, n -> n.name().equals("/encoder/layer.3/attention/self/MatMul")
                ? new OnnxNode(n.name(), n.opType(), List.of(n.input(1), n.input(0)), n.outputs(), n.attributes())
                : n);
        assertThatThrownBy(() -> BertGraphMatcher.match(damaged, FILE)).isInstanceOf(ProbeException.class)
                .hasMessageStartingWith("minilm.onnx: ")
                .hasMessageContaining("encoder.layer.3.attention.self.")
                .hasMessageContaining("names disagree");
    }

    @Test
    void aMissingSoftmaxLeavesTheValueUnfound() {
        OnnxGraph damaged = mapNodes(graph, n -> n.name().equals("/encoder/layer.1/attention/self/Softmax")
                ? new OnnxNode(n.name(), "Relu", n.inputs(), n.outputs(), Map.of()) : n);
        assertThatThrownBy(() -> BertGraphMatcher.match(damaged, FILE)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("cannot find 'encoder.layer.1.attention.self.value.weight'");
    }

    @Test
    void aTanhActivationIsNotTheErfGelu() {
        OnnxGraph damaged = mapNodes(graph, n -> n.is("Erf") && n.name().contains("layer.0/")
                ? new OnnxNode(n.name(), "Tanh", n.inputs(), n.outputs(), n.attributes()) : n);
        assertThatThrownBy(() -> BertGraphMatcher.match(damaged, FILE)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("'encoder.layer.0.output.dense.weight'").hasMessageContaining("erf");
    }

    @Test
    void missingTensorsAreNamedByTheirHuggingFaceName() {
        OnnxGraph noTypes = rename(graph, "embeddings.token_type_embeddings.weight", "types");
        assertThatThrownBy(() -> BertGraphMatcher.match(noTypes, FILE)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("cannot find 'embeddings.token_type_embeddings.weight'");
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>(graph.initializers());
        initializers.remove("encoder.layer.4.output.dense.bias");
        OnnxGraph noBias = new OnnxGraph(graph.name(), graph.nodes(), initializers, graph.inputs(), graph.outputs());
        assertThatThrownBy(() -> BertGraphMatcher.match(noBias, FILE)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("cannot find 'encoder.layer.4.output.dense.bias'");
    }

    @Test
    void nonAbsolutePositionIdsAndQuantizedWeightsAreRejected() {
        long[] reversed = new long[512];
        for (int i = 0; i < 512; i++) {
            reversed[i] = 511 - i;
        }
        ByteBuffer ids = ByteBuffer.allocate(512 * 8).order(ByteOrder.LITTLE_ENDIAN);
        ids.asLongBuffer().put(reversed);
        OnnxGraph shuffled = replace(graph, new OnnxTensor("embeddings.position_ids", new long[] {1, 512},
                OnnxTensor.INT64, ids));
        assertThatThrownBy(() -> BertGraphMatcher.match(shuffled, FILE)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("position ids");

        String weight = graph.initializers().keySet().stream().filter(k -> k.startsWith("onnx::MatMul_"))
                .findFirst().orElseThrow();
        OnnxTensor original = graph.initializers().get(weight);
        OnnxGraph quantized = replace(graph, new OnnxTensor(weight, original.dims(), 3, original.data()));
        assertThatThrownBy(() -> BertGraphMatcher.match(quantized, FILE)).isInstanceOf(ProbeException.class)
                .hasMessageContaining(weight).hasMessageContaining("only float32");
    }

    private static OnnxGraph mapNodes(OnnxGraph g, UnaryOperator<OnnxNode> change) {
        return new OnnxGraph(g.name(), g.nodes().stream().map(change).toList(), g.initializers(), g.inputs(),
                g.outputs());
    }

    private static OnnxGraph replace(OnnxGraph g, OnnxTensor tensor) {
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>(g.initializers());
        initializers.put(tensor.name(), tensor);
        return new OnnxGraph(g.name(), g.nodes(), initializers, g.inputs(), g.outputs());
    }

    private static OnnxGraph rename(OnnxGraph g, String from, String to) {
        UnaryOperator<String> r = s -> s.equals(from) ? to : s;
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        g.initializers().forEach((k, t) -> initializers.put(r.apply(k),
                new OnnxTensor(r.apply(t.name()), t.dims(), t.dataType(), t.data())));
        List<OnnxNode> nodes = g.nodes().stream().map(n -> new OnnxNode(n.name(), n.opType(),
                n.inputs().stream().map(r).toList(), n.outputs().stream().map(r).toList(), n.attributes())).toList();
        return new OnnxGraph(g.name(), nodes, initializers, g.inputs(), g.outputs());
    }
}
