package dev.probe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.DataType;
import dev.probe.model.Aligned;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/** Applies a probe to data rows on the PyTorch engine, a few thousand rows per NDManager scope. */
public final class ProbeScorer {
    private static final int BATCH = 4096;

    private ProbeScorer() {
    }

    /** Scores {@code W·x + b}, row-major {@code [rows, outputs]}. */
    public static float[] scores(LinearProbe probe, ProbeData data) {
        int width = probe.width();
        int outputs = probe.outputs();
        float[] out = new float[data.size() * outputs];
        ByteBuffer x = Aligned.directBuffer(Math.min(BATCH, Math.max(1, data.size())) * width * Float.BYTES);
        FloatBuffer xf = x.asFloatBuffer();
        try (NDManager base = NDManager.newBaseManager("PyTorch")) {
            NDArray w = Aligned.copy(base.create(probe.weights(), new Shape(outputs, width)));
            NDArray b = Aligned.copy(base.create(probe.bias(), new Shape(outputs)));
            for (int from = 0; from < data.size(); from += BATCH) {
                int count = Math.min(BATCH, data.size() - from);
                xf.clear();
                probe.features().read(data.matrix(), data.rows(), from, count, xf);
                x.clear().limit(count * width * Float.BYTES);
                try (NDManager scope = base.newSubManager()) {
                    NDArray input = scope.create(x, new Shape(count, width), DataType.FLOAT32);
                    float[] s = input.getNDArrayInternal().linear(input, w, b).singletonOrThrow().toFloatArray();
                    System.arraycopy(s, 0, out, from * outputs, s.length);
                }
            }
        }
        return out;
    }

    /** The predicted class of each row (classification). */
    public static int[] predict(LinearProbe probe, ProbeData data) {
        float[] s = scores(probe, data);
        int outputs = probe.outputs();
        int[] predicted = new int[data.size()];
        for (int i = 0; i < predicted.length; i++) {
            int best = 0;
            for (int c = 1; c < outputs; c++) {
                if (s[i * outputs + c] > s[i * outputs + best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return predicted;
    }
}
