package dev.probe.rank;

import dev.probe.InvalidRequest;
import dev.probe.probe.ProbeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What {@code probe bench-rankers} does: rank the neurons of a training store with several methods and compare the
 * rankings (retrained accuracy of their top neurons, selectivity, agreement), writing a benchmark folder.
 *
 * @param train the training store
 * @param dev the development store
 * @param test the test store, or null
 * @param label the label column, or null for the store's default
 * @param options the probes' settings (rankers that train probes, and every retrained probe)
 * @param methods the methods compared, at least two, no repeats
 * @param cap the gaussian method's neuron cap
 * @param out the folder to create
 * @param force replace a benchmark folder this tool wrote there
 */
public record BenchRequest(Path train, Path dev, Path test, String label, ProbeOptions options,
        List<RankMethod> methods, int cap, Path out, boolean force) {
    /** Checks the values. */
    public BenchRequest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        methods = List.copyOf(methods);
        if (methods.size() < 2 || methods.stream().distinct().count() != methods.size()) {
            throw new InvalidRequest("methods", "name at least two different methods; found " + methods);
        }
        if (options.task() != ProbeOptions.Task.CLASSIFICATION) {
            throw new InvalidRequest("task", "bench-rankers works on classification probes");
        }
        InvalidRequest.check("cap", cap, 1, 100_000);
    }

    /** The stores read: the output must not name or hold them. */
    public List<Path> inputs() {
        return Stream.of(train, dev, test).filter(Objects::nonNull).toList();
    }
}
