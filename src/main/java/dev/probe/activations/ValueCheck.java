package dev.probe.activations;

import dev.probe.ProbeException;
import dev.probe.activations.store.StoreDtype;
import dev.probe.corpus.Sentence;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which activations a store can hold: finite values, and for float16 only magnitudes up to {@value #FLOAT16_MAX}
 * (float16's largest finite value; narrowing anything larger would round it to a number the model did not give, or
 * to ±Inf). Extraction tests every finished block of rows before writing it and keeps the first offending value in
 * corpus order, so a checkpoint with NaN weights, a configuration that makes a normalisation
 * divide by a negative number, or an overflow ends the run with one message instead of a store full of NaN.
 *
 * <p>The test is one comparison per value, {@code |v| ≤ limit}, which NaN fails, on the plain arrays about to be
 * written: about 45 ms of CPU for 20,000 MiniLM words (54 million values), against about 18 s of CPU for their
 * forward passes (measured Dec 2026 on 2 cores; with and without the check, extraction times were equal within the
 * run-to-run noise).
 */
public final class ValueCheck {
    /** The largest finite float16 value. */
    public static final float FLOAT16_MAX = 65504f;

    private final StoreDtype dtype;
    private final float limit;

    private ValueCheck(StoreDtype dtype, float limit) {
        this.dtype = dtype;
        this.limit = limit;
    }

    /** The check for a store of this element type. */
    public static ValueCheck forStore(StoreDtype dtype) {
        return new ValueCheck(dtype, dtype == StoreDtype.FLOAT16 ? FLOAT16_MAX : Float.MAX_VALUE);
    }

    /**
     * An offending value.
     *
     * @param sentence index of the sentence in the corpus (as in tokens.tsv)
     * @param word index of the word in its sentence
     * @param layerPosition position of the layer among the extracted layers
     * @param unit the unit within the layer
     * @param value the value
     */
    record Found(int sentence, int word, int layerPosition, int unit, float value) {
        /** Corpus order: sentence, then the lowest layer, then word and unit. */
        static final Comparator<Found> ORDER = Comparator.comparingInt(Found::sentence)
                .thenComparingInt(Found::layerPosition).thenComparingInt(Found::word).thenComparingInt(Found::unit);

        /** The earlier of two findings, either of which may be null. */
        static Found first(Found a, Found b) {
            return a == null || (b != null && ORDER.compare(b, a) < 0) ? b : a;
        }
    }

    /** Whether every value of {@code values[from, to)} can be stored. */
    boolean accepts(float[] values, int from, int to) {
        float lim = limit;
        boolean ok = true;
        for (int i = from; i < to; i++) {
            ok &= Math.abs(values[i]) <= lim;
        }
        return ok;
    }

    /**
     * Locates the offending value of one segment's rows that comes first: lowest layer, then first word and unit.
     *
     * @param rows {@code [words, layers × width]} row-major, starting at word {@code firstWord} of {@code sentence}
     * @throws IllegalStateException when every value is acceptable
     */
    Found locate(int sentence, int firstWord, float[] rows, int words, int layers, int width) {
        int rowWidth = layers * width;
        for (int l = 0; l < layers; l++) {
            for (int w = 0; w < words; w++) {
                int base = w * rowWidth + l * width;
                for (int u = 0; u < width; u++) {
                    if (!(Math.abs(rows[base + u]) <= limit)) {
                        return new Found(sentence, firstWord + w, l, u, rows[base + u]);
                    }
                }
            }
        }
        throw new IllegalStateException("locate called on rows that hold no offending value");
    }

    /**
     * The error for an offending value.
     *
     * @param f the value found
     * @param corpusFile the corpus, named in the message with the sentence's line
     * @param layers the extracted layer indices, in column order
     * @return an exception naming the corpus file and line, the sentence and word, the layer and unit, and the value
     */
    static ProbeException error(Found f, Path corpusFile, List<Sentence> sentences, List<Integer> layers) {
        Sentence s = sentences.get(f.sentence());
        String where = String.format(Locale.ROOT, "sentence index %d, word %d ('%s'): layer %d, unit %d",
                f.sentence(), f.word(), s.words().get(f.word()), layers.get(f.layerPosition()), f.unit());
        String message;
        if (Float.isFinite(f.value())) {
            message = String.format(Locale.ROOT, "%s reaches %s, beyond the float16 range (±65504); extract with"
                    + " --dtype float32", where, f.value());
        } else {
            message = String.format(Locale.ROOT, "%s is %s: the model gives non-finite activations (NaN or infinite"
                    + " weights in the checkpoint, a bad epsilon in config.json, or an overflow)", where, f.value());
        }
        return new ProbeException(corpusFile, s.line(), message + "; nothing was written", null);
    }

    @Override
    public String toString() {
        return "values storable as " + dtype;
    }
}
