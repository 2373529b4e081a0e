package dev.probe.intervene;

import dev.probe.model.ForwardResult;
import dev.probe.model.Intervention;
import dev.probe.model.LayerOutputs;
import dev.probe.model.LmScores;
import dev.probe.model.ModelInfo;
import dev.probe.model.ProbePoint;
import dev.probe.model.TokenBatch;
import dev.probe.model.Transformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model run with an {@link Intervention} that also measures, token by token, what the edits did to the model's own
 * output, against the unedited pass of the same batch.
 *
 * <p>The first run, with no edit, remembers each batch's output (the last hidden state and the LM head's scores);
 * later runs over the same corpus with the same settings plan the same batches, find them there, and compare. The
 * measures come back as an extra layer, {@link #MEASURES}, of the batch's {@link LayerOutputs}, so the extractor
 * aggregates them to words like any activation: slot {@link #COSINE} holds 1 − cos of the edited and unedited output
 * vectors, {@link #L2} their distance, {@link #P_CLEAN} / {@link #P_EDITED} the LM head's probability of the actual
 * token and {@link #TOP1_CLEAN} / {@link #TOP1_EDITED} whether it was its top-1 (−1 where there is no head or no
 * prediction). Each sequence's mean-pooled output (over its real tokens, special tokens included, as
 * sentence-transformers pools) gives one sentence-embedding cosine change, collected for {@link #sentenceChanges()}.
 *
 * <p>Memory: the remembered outputs take {@code 4 × hidden} bytes per padded token (about 80 MB for 50,000 tokens of a
 * 384-wide model).
 */
final class MeasuredModel implements Transformer {
    /** The pseudo-layer that carries the measures. */
    static final int MEASURES = -1;
    static final int COSINE = 0;
    static final int L2 = 1;
    static final int P_CLEAN = 2;
    static final int P_EDITED = 3;
    static final int TOP1_CLEAN = 4;
    static final int TOP1_EDITED = 5;
    static final int SLOTS = 6;

    private final Transformer model;
    private final Map<Key, Clean> cleanOutputs;
    private final boolean withLm;
    private Intervention edits = Intervention.NONE;
    private List<Double> sentences = Collections.synchronizedList(new ArrayList<>());

    private record Key(long[] ids, long[] mask, long[] types) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ids, k.ids) && Arrays.equals(mask, k.mask)
                    && Arrays.equals(types, k.types);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(mask)) + Arrays.hashCode(types);
        }
    }

    private record Clean(float[] output, LmScores lm) {
    }

    /**
     * @param model the model (must support interventions)
     * @param withLm whether to score tokens with the model's LM head (when it has one)
     */
    MeasuredModel(Transformer model, boolean withLm) {
        if (model.info().width(ProbePoint.HIDDEN) < SLOTS) {
            throw new IllegalArgumentException("the model's hidden width is below " + SLOTS);
        }
        this.model = model;
        this.withLm = withLm && model.hasLmHead();
        this.cleanOutputs = new ConcurrentHashMap<>();
    }

    /** Whether the LM head's scores are measured. */
    boolean measuresLm() {
        return withLm;
    }

    /**
     * Starts a run with these edits; the sentence changes collected so far are dropped. The first run must be the
     * unedited one ({@link Intervention#NONE}).
     */
    void start(Intervention intervention) {
        if (!intervention.isEmpty() && cleanOutputs.isEmpty()) {
            throw new IllegalStateException("run the unedited pass first");
        }
        this.edits = intervention;
        this.sentences = Collections.synchronizedList(new ArrayList<>());
    }

    /** 1 − cos of each sequence's mean-pooled edited and unedited output in the current run, sorted. */
    double[] sentenceChanges() {
        synchronized (sentences) {
            return sentences.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public LayerOutputs forward(TokenBatch batch, ProbePoint point, List<Integer> layers) {
        List<Integer> real = layers.stream().filter(l -> l != MEASURES).toList();
        ForwardResult result = model.forward(batch, point, real, edits, withLm);
        Key key = new Key(batch.inputIds(), batch.attentionMask(), batch.tokenTypeIds());
        Clean clean = edits.isEmpty() ? cleanOutputs.computeIfAbsent(key, k -> new Clean(result.output(), result.lm()))
                : cleanOutputs.get(key);
        if (clean == null) { // not planned by the unedited run (cannot happen with the same settings)
            ForwardResult unedited = model.forward(batch, point, List.of(), Intervention.NONE, withLm);
            clean = new Clean(unedited.output(), unedited.lm());
        }
        int width = result.layers().width();
        float[] measures = measure(batch, clean, result, width);
        List<float[]> values = new ArrayList<>(layers.size());
        for (int layer : layers) {
            values.add(layer == MEASURES ? measures : result.layers().values().get(real.indexOf(layer)));
        }
        return new LayerOutputs(batch.size(), batch.length(), width, layers, values);
    }

    private float[] measure(TokenBatch batch, Clean clean, ForwardResult edited, int width) {
        int hidden = model.info().width(ProbePoint.HIDDEN);
        int size = batch.size();
        int length = batch.length();
        float[] out = new float[size * length * width];
        float[] a = clean.output();
        float[] b = edited.output();
        for (int s = 0; s < size; s++) {
            double[] meanA = new double[hidden];
            double[] meanB = new double[hidden];
            for (int t = 0; t < length; t++) {
                int token = s * length + t;
                int o = token * hidden;
                double dot = 0;
                double na = 0;
                double nb = 0;
                double d2 = 0;
                boolean real = batch.attentionMask()[token] != 0;
                for (int j = 0; j < hidden; j++) {
                    double x = a[o + j];
                    double y = b[o + j];
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                    d2 += (x - y) * (x - y);
                    if (real) {
                        meanA[j] += x;
                        meanB[j] += y;
                    }
                }
                int m = token * width;
                out[m + COSINE] = (float) (1 - cosine(dot, na, nb));
                out[m + L2] = (float) Math.sqrt(d2);
                lm(clean.lm(), edited.lm(), token, out, m);
            }
            sentences.add(1 - cosine(meanA, meanB));
        }
        return out;
    }

    private static void lm(LmScores clean, LmScores edited, int token, float[] out, int m) {
        boolean known = clean != null && edited != null && !Float.isNaN(clean.probability()[token])
                && !Float.isNaN(edited.probability()[token]);
        out[m + P_CLEAN] = known ? clean.probability()[token] : -1;
        out[m + P_EDITED] = known ? edited.probability()[token] : -1;
        out[m + TOP1_CLEAN] = known ? (clean.correct()[token] ? 1 : 0) : -1;
        out[m + TOP1_EDITED] = known ? (edited.correct()[token] ? 1 : 0) : -1;
    }

    private static double cosine(double[] x, double[] y) {
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int j = 0; j < x.length; j++) {
            dot += x[j] * y[j];
            nx += x[j] * x[j];
            ny += y[j] * y[j];
        }
        return cosine(dot, nx, ny);
    }

    /** The cosine, 1 when both vectors are zero and 0 when one is. */
    private static double cosine(double dot, double nx, double ny) {
        if (nx == 0 && ny == 0) {
            return 1;
        }
        return nx == 0 || ny == 0 ? 0 : dot / Math.sqrt(nx * ny);
    }

    @Override
    public boolean supportsInterventions() {
        return false;
    }

    @Override
    public void close() {
        cleanOutputs.clear();
    }
}
