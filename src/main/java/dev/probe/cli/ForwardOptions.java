package dev.probe.cli;

import dev.probe.activations.Aggregation;
import dev.probe.activations.Batching;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreDtype;
import dev.probe.model.ProbePoint;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What an extraction keeps and how it batches its forward passes: the options {@code probe extract} and the Spark job
 * ({@code probe-spark}) share.
 */
public final class ForwardOptions {
    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|LIST",
            description = "Layers to keep, e.g. all, 0,6 or 1-3 (0 = embeddings; default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--point", defaultValue = "hidden", paramLabel = "hidden|ffn",
            description = "Hidden states (layers 0..L) or FFN neurons (layers 1..L) (default: ${DEFAULT-VALUE}).")
    ProbePoint point;

    @Option(names = "--aggregate", defaultValue = "last", paramLabel = "first|last|mean",
            description = "Subword to word aggregation (default: ${DEFAULT-VALUE}).")
    Aggregation aggregate;

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "float32|float16",
            description = "Element type of the stored matrix (default: ${DEFAULT-VALUE}).")
    StoreDtype dtype;

    @Option(names = "--batch-tokens", defaultValue = "" + ExtractionRequest.DEFAULT_BATCH_TOKENS, paramLabel = "N",
            description = "Most padded tokens per forward pass (default: ${DEFAULT-VALUE}).")
    int batchTokens;

    @Option(names = "--batch-size", defaultValue = "" + ExtractionRequest.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Most sentences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--plan-block", defaultValue = "" + Batching.DEFAULT_BLOCK_SENTENCES, paramLabel = "N",
            description = "Sentences per plan block: forward passes never mix sentences of two blocks, so shards of"
                    + " whole blocks compute the same bits as one run; every shard needs at least one block. Smaller"
                    + " blocks pad more (default: ${DEFAULT-VALUE}).")
    int planBlock;

    /** The layers to keep, empty for all. */
    public List<Integer> layers() {
        return ExtractionRequest.layers(layers);
    }

    public ProbePoint point() {
        return point;
    }

    public Aggregation aggregate() {
        return aggregate;
    }

    public StoreDtype dtype() {
        return dtype;
    }

    public int batchTokens() {
        return batchTokens;
    }

    public int batchSize() {
        return batchSize;
    }

    public int planBlock() {
        return planBlock;
    }
}
