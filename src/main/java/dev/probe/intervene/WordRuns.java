package dev.probe.intervene;

import dev.probe.ProbeException;
import dev.probe.activations.Aggregation;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.Extractor;
import dev.probe.activations.ValueCheck;
import dev.probe.activations.store.BatchPlan;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.Sentence;
import dev.probe.model.Intervention;
import dev.probe.model.LoadedModel;
import dev.probe.model.ProbePoint;
import dev.probe.probe.LinearProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a corpus through the model, with or without edits, as the store it is compared with was extracted (same
 * layers, point, aggregation, windows and batches), and keeps per word only what the measures need: each probe's
 * predicted class and the output measures of {@link MeasuredModel}. The rows themselves are never stored.
 */
final class WordRuns implements AutoCloseable {
    /** A probe trained on unmodified activations, evaluated on the run's rows. */
    record Probe(String name, Integer layer, LinearProbe probe) {
    }

    /**
     * One run's words.
     *
     * @param predicted per probe, the predicted class of each word
     * @param measures per word, {@link MeasuredModel#SLOTS} values
     * @param sentences 1 − cos of each sequence's pooled output, sorted
     */
    record Outcome(List<int[]> predicted, float[] measures, double[] sentences) {
    }

    private final MeasuredModel model;
    private final LoadedModel loaded;
    private final Extractor extractor;
    private final List<Sentence> sentences;
    private final Path corpus;
    private final int columns;
    private final int width;
    private final int words;

    /**
     * @param loaded the model, as the store was extracted with
     * @param manifest the store's manifest: its settings are reused
     * @param sentences the store's sentences, in order
     * @param withLm whether to score tokens with the LM head
     * @param workers forward passes at once
     */
    WordRuns(LoadedModel loaded, StoreManifest manifest, List<Sentence> sentences, boolean withLm, int workers)
            throws ProbeException {
        this.loaded = loaded;
        this.model = new MeasuredModel(loaded.transformer(), withLm);
        List<Integer> layers = new ArrayList<>(manifest.layers());
        layers.add(MeasuredModel.MEASURES);
        BatchPlan plan = manifest.batching() != null ? manifest.batching()
                : new BatchPlan(legacyBudget(manifest), ExtractionRequest.DEFAULT_BATCH_SIZE, 0, 0);
        Extractor.Options options = new Extractor.Options(ProbePoint.valueOf(manifest.point().toUpperCase(
                java.util.Locale.ROOT)), layers, Aggregation.parse(manifest.aggregation()), plan.tokenBudget(),
                plan.maxBatch(), manifest.windowing().maxTokens(), workers, plan.blockSentences());
        this.extractor = new Extractor(model, loaded.tokenizer(), loaded.source().padId(), options,
                ValueCheck.forStore(StoreDtype.FLOAT32));
        this.sentences = sentences;
        this.corpus = Path.of(manifest.input().path());
        this.columns = manifest.neurons();
        this.width = manifest.width();
        this.words = Math.toIntExact(sentences.stream().mapToLong(Sentence::size).sum());
    }

    /** The token budget a store written before {@code batching} was recorded kept under {@code extra}. */
    private static int legacyBudget(StoreManifest manifest) {
        Object budget = manifest.extra() == null ? null : manifest.extra().get("token_budget");
        return budget instanceof Number n ? n.intValue() : ExtractionRequest.DEFAULT_BATCH_TOKENS;
    }

    /** Whether the LM head's scores are measured. */
    boolean measuresLm() {
        return model.measuresLm();
    }

    /** Words per run. */
    int words() {
        return words;
    }

    /**
     * One pass. The first must be the unedited one.
     *
     * @param progress told about finished words
     */
    Outcome run(Intervention edits, List<Probe> probes, Extractor.Progress progress) throws ProbeException {
        model.start(edits);
        List<int[]> predicted = new ArrayList<>();
        for (int p = 0; p < probes.size(); p++) {
            predicted.add(new int[words]);
        }
        float[] measures = new float[words * MeasuredModel.SLOTS];
        int rowWidth = columns + width;
        extractor.run(sentences, corpus, (firstRow, rows, offset, count) -> {
            for (int i = 0; i < count; i++) {
                int row = Math.toIntExact(firstRow + i);
                int o = offset + i * rowWidth;
                for (int p = 0; p < probes.size(); p++) {
                    predicted.get(p)[row] = predict(probes.get(p).probe(), rows, o);
                }
                System.arraycopy(rows, o + columns, measures, row * MeasuredModel.SLOTS, MeasuredModel.SLOTS);
            }
        }, progress);
        return new Outcome(predicted, measures, model.sentenceChanges());
    }

    /** The probe's class for the row at {@code offset} (its columns are the store's); ties go to the lower class. */
    static int predict(LinearProbe probe, float[] rows, int offset) {
        int[] neurons = probe.features().neurons();
        float[] mean = probe.features().mean();
        float[] std = probe.features().std();
        int n = probe.width();
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            float v = rows[offset + (neurons == null ? j : neurons[j])];
            x[j] = mean == null ? v : (v - mean[j]) / std[j];
        }
        float[] w = probe.weights();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < probe.outputs(); c++) {
            double s = probe.bias()[c];
            int o = c * n;
            for (int j = 0; j < n; j++) {
                s += w[o + j] * x[j];
            }
            if (s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        return best;
    }

    @Override
    public void close() {
        model.close();
        loaded.close();
    }
}
