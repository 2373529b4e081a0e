package dev.probe.model.onnx;

import dev.probe.ProbeException;
import java.nio.file.Path;

/** The ONNX import path up to writing, for the fuzz harness: read the graph, match it as BERT, read its tensors. */
public final class OnnxFuzzing {
    private OnnxFuzzing() {
    }

    /** Reads {@code file} as {@link BertOnnxImporter} does, without writing a model folder. */
    public static void readAndMatch(Path file) throws ProbeException {
        OnnxGraph graph = OnnxGraph.read(file);
        for (OnnxTensor t : graph.initializers().values()) {
            if (t.isNumeric() && t.elementCount() < 1 << 20) {
                t.floats();
            }
        }
        BertGraphMatcher.match(graph, file);
    }
}
