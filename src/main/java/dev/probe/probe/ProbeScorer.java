package dev.probe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.DataType;
import dev.probe.ProbeException;
import dev.probe.activations.store.NonFinite;
import dev.probe.model.Aligned;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Locale;

/**
 * Applies a probe to data rows on the PyTorch engine, a few thousand rows per NDManager scope.
 *
 * <p>No NaN passes: a non-finite activation makes the scores of its row non-finite (IEEE arithmetic propagates NaN
 * and ±Inf through the product, also where a weight is zero), so each block's scores are tested, which costs a pass
 * over {@code rows × outputs} values instead of {@code rows × neurons}; only a block that fails is read again to
 * name the first offending row and neuron ({@link NonFinite}).
 */
public final class ProbeScorer {
    private static final int BATCH = 4096;

    private ProbeScorer() {
    }

    /**
     * Scores {@code W·x + b}, row-major {@code [rows, outputs]}.
     *
     * @throws ProbeException naming the matrix file, the row and the neuron of the first non-finite activation read,
     *     or the first row whose scores overflow
     */
    public static float[] scores(LinearProbe probe, ProbeData data) throws ProbeException {
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
                    if (!NonFinite.allFinite(s, 0, s.length)) {
                        throw nonFinite(probe, data, from, count, s);
                    }
                    System.arraycopy(s, 0, out, from * outputs, s.length);
                }
            }
        }
        return out;
    }

    /**
     * The error for a block whose scores are not all finite: the first non-finite activation of the block, or else the
     * first row whose scores overflowed.
     */
    private static ProbeException nonFinite(LinearProbe probe, ProbeData data, int from, int count, float[] s) {
        try {
            NonFinite.requireFinite(data.matrix(), data.rows(), from, count, probe.features().neurons());
        } catch (ProbeException e) {
            return e;
        }
        int outputs = probe.outputs();
        int i = 0;
        while (i < s.length && Float.isFinite(s[i])) {
            i++;
        }
        long row = data.rows()[from + i / outputs];
        return new ProbeException(data.matrix().fileOf(row), String.format(Locale.ROOT, "row %d (tokens.tsv line %d): the"
                + " probe's score of output %d is %s although every activation read is finite: the activations or the"
                + " probe's weights are too large for float32", row, row + 2, i % outputs, s[i]));
    }

    /**
     * The predicted class of each row (classification).
     *
     * @throws ProbeException as {@link #scores}
     */
    public static int[] predict(LinearProbe probe, ProbeData data) throws ProbeException {
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
