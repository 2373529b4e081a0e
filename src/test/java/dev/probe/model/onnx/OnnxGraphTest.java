package dev.probe.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphTest {

    /** A 2x2 float initializer in raw_data, a packed-float initializer, a Constant and a MatMul. */
    private static byte[] model() {
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3)
                .putFloat(4);
        ProtoBytes weight = new ProtoBytes().varintField(1, 2).varintField(1, 2).varintField(2, OnnxTensor.FLOAT)
                .stringField(8, "w").bytesField(9, raw.array());
        ProtoBytes bias = new ProtoBytes().packedVarints(1, 2).varintField(2, OnnxTensor.FLOAT)
                .packedFloats(4, 0.5f, -0.5f).stringField(8, "b");
        ProtoBytes shapeValue = new ProtoBytes().varintField(1, 3).varintField(2, OnnxTensor.INT64)
                .packedVarints(7, 0, -1, 12);
        ProtoBytes constant = new ProtoBytes().stringField(2, "shape").stringField(3, "c").stringField(4, "Constant")
                .messageField(5, new ProtoBytes().stringField(1, "value").messageField(5, shapeValue)
                        .varintField(20, OnnxAttribute.TENSOR));
        ProtoBytes matMul = new ProtoBytes().stringField(1, "x").stringField(1, "w").stringField(2, "y")
                .stringField(3, "mm").stringField(4, "MatMul")
                .messageField(5, new ProtoBytes().stringField(1, "perm").packedVarints(8, 0, 2, 1)
                        .varintField(20, OnnxAttribute.INTS))
                .messageField(5, new ProtoBytes().stringField(1, "alpha").floatField(2, 0.125f)
                        .varintField(20, OnnxAttribute.FLOAT));
        ProtoBytes graph = new ProtoBytes().messageField(1, constant).messageField(1, matMul).stringField(2, "g")
                .messageField(5, weight).messageField(5, bias)
                .messageField(11, new ProtoBytes().stringField(1, "x").messageField(2, new ProtoBytes()))
                .messageField(12, new ProtoBytes().stringField(1, "y")).varintField(99, 1);
        return new ProtoBytes().varintField(1, 8).stringField(2, "test").messageField(7, graph)
                .messageField(8, new ProtoBytes().varintField(2, 11)).toByteArray();
    }

    @Test
    void parsesNodesInitializersAndConstants() throws Exception {
        OnnxGraph graph = OnnxGraph.parse(ByteBuffer.wrap(model()));
        assertThat(graph.name()).isEqualTo("g");
        assertThat(graph.inputs()).containsExactly("x");
        assertThat(graph.outputs()).containsExactly("y");
        assertThat(graph.nodes()).extracting(OnnxNode::opType).containsExactly("Constant", "MatMul");
        OnnxNode matMul = graph.nodes().get(1);
        assertThat(matMul.inputs()).containsExactly("x", "w");
        assertThat(matMul.output(0)).isEqualTo("y");
        assertThat(matMul.input(5)).isEmpty();
        assertThat(matMul.attribute("perm").orElseThrow().ints()).containsExactly(0, 2, 1);
        assertThat(matMul.attribute("alpha").orElseThrow().f()).isEqualTo(0.125f);

        OnnxTensor w = graph.initializers().get("w");
        assertThat(w.dims()).containsExactly(2, 2);
        assertThat(w.floats()).containsExactly(1, 2, 3, 4);
        assertThat(graph.initializers().get("b").floats()).containsExactly(0.5f, -0.5f);

        OnnxTensor shape = graph.constant("shape").orElseThrow();
        assertThat(shape.dataType()).isEqualTo(OnnxTensor.INT64);
        assertThat(shape.longs()).containsExactly(0, -1, 12);
        assertThat(graph.constant("w")).containsSame(w);
        assertThat(graph.constant("y")).isEmpty();
    }

    @Test
    void aPayloadThatDoesNotMatchTheShapeIsRejected() {
        ProtoBytes bad = new ProtoBytes().varintField(1, 3).varintField(2, OnnxTensor.FLOAT).packedFloats(4, 1f, 2f)
                .stringField(8, "short");
        byte[] bytes = new ProtoBytes().messageField(7, new ProtoBytes().messageField(5, bad)).toByteArray();
        assertThatThrownBy(() -> OnnxGraph.parse(ByteBuffer.wrap(bytes)))
                .isInstanceOf(MalformedProtoException.class).hasMessageContaining("'short'")
                .hasMessageContaining("8 bytes of data, expected 12");
    }

    @Test
    void readNamesTheFileOfATruncatedModel(@TempDir Path dir) throws Exception {
        byte[] whole = model();
        Path good = dir.resolve("good.onnx");
        Files.write(good, whole);
        assertThat(OnnxGraph.read(good).nodes()).hasSize(2);
        for (int cut : new int[] {whole.length / 2, whole.length - 3, 5}) {
            Path truncated = dir.resolve("cut" + cut + ".onnx");
            Files.write(truncated, Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> OnnxGraph.read(truncated)).isInstanceOf(ProbeException.class)
                    .hasMessageStartingWith(truncated.toString()).hasMessageContaining("corrupt or truncated");
        }
        assertThatThrownBy(() -> OnnxGraph.read(dir.resolve("missing.onnx"))).isInstanceOf(ProbeException.class)
                .hasMessageContaining("missing.onnx");
    }
}
