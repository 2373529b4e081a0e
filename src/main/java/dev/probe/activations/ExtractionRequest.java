package dev.probe.activations;

import dev.probe.InvalidRequest;
import dev.probe.activations.store.StoreDtype;
import dev.probe.corpus.CorpusFormat;
import dev.probe.model.ModelChoice;
import dev.probe.model.ProbePoint;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What {@code probe extract} does: run a model over a corpus and store every word's activations, with every
 * annotation column of the corpus, in a new store folder.
 *
 * @param input the corpus file (for NeuroX either file of the pair)
 * @param format the corpus format, or null to tell it from the file name
 * @param column the default label column recorded in the store ({@code xpos}, {@code 2}, …), or null for the format's
 *     default; later stages may take any other column with {@code --label}
 * @param tokenColumn the 1-based token column of a TSV corpus (1 for the other formats)
 * @param model the model and how to run it
 * @param layers the layers to keep, in column order, or empty for all of the model's
 * @param point hidden states or FFN neurons
 * @param aggregation subword to word aggregation
 * @param dtype element type of the stored matrix
 * @param batchTokens most padded tokens per forward pass
 * @param batchSize most sentences per forward pass
 * @param out the store folder to create
 * @param force replace a store this tool wrote there
 * @param resume continue an interrupted extraction of the same request from its last checkpoint
 * @param checkpointEvery sentences between checkpoints
 * @param planBlock sentences per plan block: batches never cross a multiple of it ({@link Batching})
 * @param shard the part of the corpus to extract, or null for all of it
 */
public record ExtractionRequest(Path input, CorpusFormat format, String column, int tokenColumn, ModelChoice model,
        List<Integer> layers, ProbePoint point, Aggregation aggregation, StoreDtype dtype, int batchTokens,
        int batchSize, Path out, boolean force, boolean resume, int checkpointEvery, int planBlock, ShardSpec shard) {
    /** Padded tokens per forward pass, by default. */
    public static final int DEFAULT_BATCH_TOKENS = 8192;
    /** Sentences per forward pass, by default. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The most padded tokens per forward pass. */
    public static final int MAX_BATCH_TOKENS = 1 << 22;
    /** The most sentences per forward pass. */
    public static final int MAX_BATCH_SIZE = 1 << 16;
    /** The most layer indices (far above any model's depth). */
    public static final int MAX_LAYER = 100_000;

    /** Checks every value. */
    public ExtractionRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(out, "out");
        layers = List.copyOf(layers);
        if (new HashSet<>(layers).size() != layers.size()) {
            throw new InvalidRequest("layers", "a layer is listed twice: " + layers);
        }
        for (int layer : layers) {
            InvalidRequest.check("layers", layer, 0, MAX_LAYER);
        }
        InvalidRequest.check("tokenColumn", tokenColumn, 1, 10_000);
        InvalidRequest.check("batchTokens", batchTokens, 1, MAX_BATCH_TOKENS);
        InvalidRequest.check("batchSize", batchSize, 1, MAX_BATCH_SIZE);
        InvalidRequest.check("checkpointEvery", checkpointEvery, 1, Integer.MAX_VALUE);
        InvalidRequest.check("planBlock", planBlock, 1, Integer.MAX_VALUE);
        if (force && resume) {
            throw new InvalidRequest("resume", "cannot be combined with force");
        }
    }

    /** A request for the whole corpus, planned in blocks of {@link Batching#DEFAULT_BLOCK_SENTENCES}. */
    public ExtractionRequest(Path input, CorpusFormat format, String column, int tokenColumn, ModelChoice model,
            List<Integer> layers, ProbePoint point, Aggregation aggregation, StoreDtype dtype, int batchTokens,
            int batchSize, Path out, boolean force, boolean resume, int checkpointEvery) {
        this(input, format, column, tokenColumn, model, layers, point, aggregation, dtype, batchTokens, batchSize, out,
                force, resume, checkpointEvery, Batching.DEFAULT_BLOCK_SENTENCES, null);
    }

    /**
     * The defaults of {@code probe extract}: format from the file name, its default label column, the default model on
     * every core, all layers' hidden states, last subword, float32.
     */
    public static ExtractionRequest of(Path input, Path out) {
        return new ExtractionRequest(input, null, null, 1, ModelChoice.of(dev.probe.model.ModelAlias.DEFAULT),
                List.of(), ProbePoint.HIDDEN, Aggregation.LAST, StoreDtype.FLOAT32, DEFAULT_BATCH_TOKENS,
                DEFAULT_BATCH_SIZE, out, false, false,
                ExtractionJob.DEFAULT_CHECKPOINT_SENTENCES);
    }

    /**
     * Parses a layer list: {@code all} (or blank) for every layer, which is the empty list, or indices and ranges such
     * as {@code 0,3-6}, in that order, each once.
     *
     * @throws InvalidRequest (field {@code layers}) when it is neither
     */
    public static List<Integer> layers(String text) {
        if (text == null || text.isBlank() || "all".equalsIgnoreCase(text.strip())) {
            return List.of();
        }
        List<Integer> layers = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(
                dev.probe.io.IntRanges.parse("layers", text, MAX_LAYER)));
        if (layers.isEmpty()) {
            throw new InvalidRequest("layers", "no layer selected");
        }
        return layers;
    }

    /** This request with other layers (empty for all). */
    public ExtractionRequest withLayers(List<Integer> kept) {
        return new ExtractionRequest(input, format, column, tokenColumn, model, kept, point, aggregation, dtype,
                batchTokens, batchSize, out, force, resume, checkpointEvery, planBlock, shard);
    }

    /** This request for one shard of the corpus (null for all of it), planned in blocks of {@code block} sentences. */
    public ExtractionRequest withShard(ShardSpec part, int block) {
        return new ExtractionRequest(input, format, column, tokenColumn, model, layers, point, aggregation, dtype,
                batchTokens, batchSize, out, force, resume, checkpointEvery, block, part);
    }
}
