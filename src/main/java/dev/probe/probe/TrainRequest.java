package dev.probe.probe;

import dev.probe.InvalidRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What {@code probe train} does: train one probe on activation stores and write a probe folder.
 *
 * @param train the training store
 * @param dev the development store, or null when {@code split} cuts the training store
 * @param test the test store, or null
 * @param split train/dev[/test] percentages that cut the training store by sentence (seeded by the options' seed), or
 *     null for separate stores
 * @param label the annotation column to predict, or null for the training store's default label
 * @param neurons the neuron ids the probe reads, or null for all
 * @param options the probe's settings
 * @param control also train on a control task and report selectivity (classification only)
 * @param out the probe folder to create
 * @param force replace a probe folder this tool wrote there
 */
public record TrainRequest(Path train, Path dev, Path test, List<Integer> split, String label, List<Integer> neurons,
        ProbeOptions options, boolean control, Path out, boolean force) {
    /** Checks that exactly one of {@code dev} and {@code split} is given, and the split's shape. */
    public TrainRequest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        split = split == null ? null : List.copyOf(split);
        neurons = neurons == null ? null : List.copyOf(neurons);
        if (split != null && test != null) {
            throw new InvalidRequest("test", "cannot be combined with a split (the split makes the test set)");
        }
        if ((split == null) == (dev == null)) {
            throw new InvalidRequest("dev", "give either a development store (and optionally a test store) or a"
                    + " split, not both");
        }
        if (split != null && (split.size() < 2 || split.size() > 3 || split.stream().anyMatch(p -> p < 0)
                || split.stream().mapToInt(Integer::intValue).sum() != 100)) {
            throw new InvalidRequest("split", "needs train/dev or train/dev/test percentages summing to 100, e.g."
                    + " 80/10/10, found " + split);
        }
    }

    /** The stores read: the output must not name or hold them. */
    public List<Path> inputs() {
        return Stream.of(train, dev, test).filter(Objects::nonNull).toList();
    }
}
