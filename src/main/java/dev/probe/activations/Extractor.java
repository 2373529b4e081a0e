package dev.probe.activations;

import dev.probe.ProbeException;
import dev.probe.corpus.Sentence;
import dev.probe.model.LayerOutputs;
import dev.probe.model.ModelInfo;
import dev.probe.model.ProbePoint;
import dev.probe.model.TokenBatch;
import dev.probe.model.Transformer;
import dev.probe.model.WordTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a transformer over sentences and produces one activation row per word.
 *
 * <p>Row {@code r} belongs to the r-th word of the corpus (sentences in order, words in order); its layout is
 * {@code [layers × width]}: the selected layers in the order given, each {@code width} neurons, so neuron id =
 * {@code layerPosition × width + unit}. Sentences are tokenized without special tokens, split into windows when longer
 * than the model allows ({@link Windowing}), batched by length ({@link Batching}), and each word's subwords are
 * aggregated ({@link Aggregation}). Batches run on {@code workers} threads at once; rows reach the sink batch by batch,
 * in any order (the sink must be thread-safe). The rows do not depend on the number of workers.
 *
 * <p>Every block of rows is checked before it reaches the sink ({@link ValueCheck}): a value the store cannot hold
 * (NaN, ±Inf, or beyond float16's range for a float16 store) ends the run with an error naming the first sentence in
 * corpus order that gives one. Once a value is found, batches holding only later sentences are skipped.
 */
public final class Extractor {
    private final Transformer model;
    private final WordTokenizer tokenizer;
    private final Options options;
    private final long padId;
    private final ValueCheck check;

    /**
     * Extraction settings.
     *
     * @param point hidden states or FFN neurons
     * @param layers layer indices to keep, in order
     * @param aggregation subword-to-word rule
     * @param tokenBudget the most padded tokens per batch
     * @param maxBatch the most sequences per batch
     * @param maxTokens the longest sequence, special tokens included (at most the model's maximum)
     * @param workers forward passes in flight at once, each on its own thread (≥ 1)
     * @param blockSentences sentences per plan block ({@link Batching}); 0 plans the whole corpus at once
     */
    public record Options(ProbePoint point, List<Integer> layers, Aggregation aggregation, int tokenBudget, int maxBatch,
            int maxTokens, int workers, int blockSentences) {
        public Options {
            if (blockSentences < 0) {
                throw new IllegalArgumentException("blockSentences must not be negative");
            }
            layers = List.copyOf(layers);
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("no layers selected");
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
        }
    }

    /** Receives finished rows: {@code rowCount} rows of {@code width} floats each, starting at {@code firstRow}. */
    @FunctionalInterface
    public interface RowSink {
        void write(long firstRow, float[] rows, int offset, int rowCount) throws ProbeException;
    }

    /**
     * Which batches are already done (a resumed extraction) and which finish: {@link ExtractionCheckpoint} records them.
     * Batches are numbered in plan order; the plan depends only on the sentences, the tokenizer and the options.
     */
    public interface BatchLog {
        /** Called once with the number of planned batches, before any runs. */
        void planned(int batches) throws ProbeException;

        /**
         * Whether batch {@code batch} was done by an earlier run, its {@code words} rows already written; it is then
         * skipped.
         */
        boolean skip(int batch, long words);

        /** Called after every row of batch {@code batch} ({@code segments} segments) went to the sink. */
        void completed(int batch, int segments) throws ProbeException;
    }

    /** Told how many more words are done. */
    @FunctionalInterface
    public interface Progress {
        void advance(long words);
    }

    /**
     * What an extraction did.
     *
     * @param sentences sentences read
     * @param words rows written
     * @param subwords subword tokens, special tokens excluded
     * @param windowedSentences sentences that needed more than one window
     * @param emptyWords words that produced no subword and were given the unknown token
     * @param batches forward passes
     */
    public record Stats(int sentences, long words, long subwords, int windowedSentences, int emptyWords, int batches) {
    }

    /**
     * @param model the transformer
     * @param tokenizer its tokenizer
     * @param padId the id used to pad sequences (the config's {@code pad_token_id})
     * @param options settings
     * @param check which values may reach the sink
     */
    public Extractor(Transformer model, WordTokenizer tokenizer, long padId, Options options, ValueCheck check) {
        ModelInfo info = model.info();
        if (options.maxTokens() > info.maxTokens() || options.maxTokens() <= tokenizer.template().specials()) {
            throw new IllegalArgumentException("window of " + options.maxTokens() + " tokens does not fit the model ("
                    + info.maxTokens() + " at most, " + tokenizer.template().specials() + " special tokens)");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.padId = padId;
        this.options = options;
        this.check = check;
    }

    /** Row width: selected layers × neurons per layer. */
    public int rowWidth() {
        return options.layers().size() * model.info().width(options.point());
    }

    /**
     * Extracts every word of the sentences.
     *
     * @param corpusFile the corpus file, named in errors
     * @throws ProbeException when a sentence cannot be windowed, or the model gives a value the check refuses (the
     *     first such sentence in corpus order is named)
     */
    public Stats run(List<Sentence> sentences, Path corpusFile, RowSink sink, Progress progress) throws ProbeException {
        return run(sentences, corpusFile, sink, progress, null);
    }

    /**
     * Extracts every word of the sentences, skipping the batches {@code log} says are done.
     *
     * @param corpusFile the corpus file, named in errors
     * @param log tells done batches and is told finished ones, or {@code null}
     */
    public Stats run(List<Sentence> sentences, Path corpusFile, RowSink sink, Progress progress, BatchLog log)
            throws ProbeException {
        int capacity = options.maxTokens() - tokenizer.template().specials();
        List<WordTokenizer.Subwords> encoded = new ArrayList<>(sentences.size());
        List<Segment> segments = new ArrayList<>();
        long[] firstRow = new long[sentences.size()];
        long rows = 0;
        long subwords = 0;
        int windowed = 0;
        int empty = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            WordTokenizer.Subwords sub = tokenizer.encode(sentence.words());
            encoded.add(sub);
            List<Segment> planned;
            try {
                planned = Windowing.plan(s, sub.wordStarts(), capacity);
            } catch (IllegalArgumentException e) {
                throw new ProbeException(corpusFile, sentence.line(), e.getMessage(), null);
            }
            segments.addAll(planned);
            windowed += planned.size() > 1 ? 1 : 0;
            firstRow[s] = rows;
            rows += sentence.size();
            subwords += sub.ids().length;
            empty += sub.emptyWords();
        }
        List<List<Segment>> batches = Batching.pack(segments, tokenizer.template().specials(), options.tokenBudget(),
                options.maxBatch(), options.blockSentences());
        AtomicReference<ValueCheck.Found> found = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "probe-extract");
            t.setDaemon(true);
            return t;
        });
        if (log != null) {
            log.planned(batches.size());
        }
        try {
            List<Future<Void>> pending = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                List<Segment> batch = batches.get(i);
                long words = batch.stream().mapToLong(g -> g.ownedEnd() - g.ownedFirst()).sum();
                if (log != null && log.skip(i, words)) {
                    progress.advance(words);
                    continue;
                }
                int earliest = batch.stream().mapToInt(Segment::sentence).min().orElse(0);
                int index = i;
                pending.add(pool.submit(() -> {
                    ValueCheck.Found f = found.get();
                    if (f != null && f.sentence() <= earliest) {
                        return null; // cannot hold an earlier sentence: the result is decided
                    }
                    runBatch(batch, encoded, firstRow, sink, found);
                    if (log != null && found.get() == null) { // a batch is done only when every row went out
                        log.completed(index, batch.size());
                    }
                    progress.advance(words);
                    return null;
                }));
            }
            for (Future<Void> f : pending) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        if (found.get() != null) {
            throw ValueCheck.error(found.get(), corpusFile, sentences, options.layers());
        }
        return new Stats(sentences.size(), rows, subwords, windowed, empty, batches.size());
    }

    private static void await(Future<Void> future) throws ProbeException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProbeException p) {
                throw p;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void runBatch(List<Segment> batch, List<WordTokenizer.Subwords> encoded, long[] firstRow, RowSink sink,
            AtomicReference<ValueCheck.Found> found) throws ProbeException {
        WordTokenizer.Template t = tokenizer.template();
        int prefix = t.prefixIds().length;
        int length = batch.stream().mapToInt(Segment::subwords).max().orElse(0) + t.specials();
        int size = batch.size();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        Arrays.fill(ids, padId);
        for (int b = 0; b < size; b++) {
            Segment g = batch.get(b);
            long[] sub = encoded.get(g.sentence()).ids();
            int k = b * length;
            for (int i = 0; i < prefix; i++, k++) {
                ids[k] = t.prefixIds()[i];
                types[k] = t.prefixTypes()[i];
                mask[k] = 1;
            }
            for (int i = g.firstSubword(); i < g.endSubword(); i++, k++) {
                ids[k] = sub[i];
                types[k] = t.contentType();
                mask[k] = 1;
            }
            for (int i = 0; i < t.suffixIds().length; i++, k++) {
                ids[k] = t.suffixIds()[i];
                types[k] = t.suffixTypes()[i];
                mask[k] = 1;
            }
        }
        LayerOutputs out = model.forward(new TokenBatch(size, length, ids, mask, types), options.point(),
                options.layers());
        int width = out.width();
        int rowWidth = rowWidth();
        for (int b = 0; b < size; b++) {
            Segment g = batch.get(b);
            int[] starts = encoded.get(g.sentence()).wordStarts();
            int owned = g.ownedEnd() - g.ownedFirst();
            float[] rows = new float[owned * rowWidth];
            for (int w = g.ownedFirst(); w < g.ownedEnd(); w++) {
                int first = prefix + starts[w] - g.firstSubword();
                int end = prefix + starts[w + 1] - g.firstSubword();
                int rowOffset = (w - g.ownedFirst()) * rowWidth;
                for (int l = 0; l < out.layers().size(); l++) {
                    aggregate(out.values().get(l), out.offset(b, 0), first, end, width, rows, rowOffset + l * width);
                }
            }
            if (!check.accepts(rows, 0, rows.length)) {
                ValueCheck.Found f = check.locate(g.sentence(), g.ownedFirst(), rows, owned, out.layers().size(), width);
                found.accumulateAndGet(f, ValueCheck.Found::first);
                continue;
            }
            sink.write(firstRow[g.sentence()] + g.ownedFirst(), rows, 0, owned);
        }
    }

    private void aggregate(float[] layer, int sequenceOffset, int first, int end, int width, float[] dst, int dstOffset) {
        switch (options.aggregation()) {
            case FIRST -> System.arraycopy(layer, sequenceOffset + first * width, dst, dstOffset, width);
            case LAST -> System.arraycopy(layer, sequenceOffset + (end - 1) * width, dst, dstOffset, width);
            case MEAN -> {
                for (int p = first; p < end; p++) {
                    int src = sequenceOffset + p * width;
                    for (int j = 0; j < width; j++) {
                        dst[dstOffset + j] += layer[src + j];
                    }
                }
                float scale = 1f / (end - first);
                for (int j = 0; j < width; j++) {
                    dst[dstOffset + j] *= scale;
                }
            }
            default -> throw new IllegalStateException("unhandled aggregation " + options.aggregation());
        }
    }
}
