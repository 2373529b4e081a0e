package dev.probe.spark;

import dev.probe.InvalidRequest;
import dev.probe.activations.Aggregation;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.ShardSpec;
import dev.probe.activations.store.StoreDtype;
import dev.probe.corpus.CorpusFormat;
import dev.probe.model.ModelChoice;
import dev.probe.model.ProbePoint;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What every partition of a Spark extraction runs: the settings of one {@code probe extract}, in a form Spark ships to
 * executors (paths as strings), and the number of shards the corpus is cut into. Each partition runs it as
 * {@link #request(int, Path)}: the same request with {@code --shard i/n}.
 *
 * @param input the corpus file, as the executors see it (a path on a shared or local file system)
 * @param format the corpus format, or null to tell it from the file name
 * @param column the default label column, or null for the format's default
 * @param model the {@code --model} value (an alias or a folder the executors can read)
 * @param layers the layers to keep, empty for all
 * @param point hidden states or FFN neurons
 * @param aggregation subword to word aggregation
 * @param dtype matrix element type
 * @param batchTokens most padded tokens per forward pass
 * @param batchSize most sentences per forward pass
 * @param planBlock sentences per plan block
 * @param shards how many contiguous shards (partitions) the corpus is cut into
 * @param statsOnly keep per-class statistics instead of activations
 */
public record ShardJob(String input, CorpusFormat format, String column, String model, List<Integer> layers,
        ProbePoint point, Aggregation aggregation, StoreDtype dtype, int batchTokens, int batchSize, int planBlock,
        int shards, boolean statsOnly) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks the values and copies the layer list. */
    public ShardJob {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(model, "model");
        layers = List.copyOf(layers);
        InvalidRequest.check("shards", shards, 1, ShardSpec.MAX_COUNT);
    }

    /** The defaults of {@code probe extract} for a corpus, cut into {@code shards} parts. */
    public static ShardJob of(Path input, int shards) {
        ExtractionRequest d = ExtractionRequest.of(input, Path.of("unused"));
        return new ShardJob(input.toAbsolutePath().toString(), null, null, d.model().spec(), List.of(), d.point(),
                d.aggregation(), d.dtype(), d.batchTokens(), d.batchSize(), d.planBlock(), shards, false);
    }

    /** This job with other layers, plan blocks and statistics choice (tests and the command line). */
    public ShardJob with(List<Integer> keep, int block, boolean statistics) {
        return new ShardJob(input, format, column, model, keep, point, aggregation, dtype, batchTokens, batchSize,
                block, shards, statistics);
    }

    /** The extraction request of shard {@code index} (1-based), written to {@code out}, with one forward pass per core. */
    public ExtractionRequest request(int index, Path out) {
        return request(index, out, null);
    }

    /**
     * The extraction request of shard {@code index} (1-based), written to {@code out}.
     *
     * @param threads parallel forward passes (a Spark task's {@code spark.task.cpus}), or null for one per core; the
     *     bits do not depend on it
     */
    public ExtractionRequest request(int index, Path out, Integer threads) {
        return new ExtractionRequest(Path.of(input), format, column, 1, new ModelChoice(model, null, null, threads),
                layers, point, aggregation, dtype, batchTokens, batchSize, out, false, false, Integer.MAX_VALUE,
                planBlock, new ShardSpec(index, shards));
    }
}
