package dev.probe.rank;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What {@code probe rank} does: rank the neurons of a training store against a development store (and score on a
 * test store), writing a rank folder.
 *
 * @param train the training store
 * @param dev the development store (the minimal set is chosen on it)
 * @param test the test store, or null
 * @param probe a probe over all neurons to rank by, or null to train the oracle
 * @param settings what to compute
 * @param out the rank folder to create
 * @param force replace a rank folder this tool wrote there
 */
public record RankRequest(Path train, Path dev, Path test, Path probe, RankSettings settings, Path out,
        boolean force) {
    /** Requires the training and development stores, the settings and the output. */
    public RankRequest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(out, "out");
    }

    /** A ranking of these stores with the default settings, into a new folder. */
    public static RankRequest of(Path train, Path dev, Path test, Path out) {
        return new RankRequest(train, dev, test, null, RankSettings.defaults(), out, false);
    }

    /** This request with other settings. */
    public RankRequest with(RankSettings other) {
        return new RankRequest(train, dev, test, probe, other, out, force);
    }

    /** The stores (and probe) read: the output must not name or hold them. */
    public List<Path> inputs() {
        return Stream.of(train, dev, test, probe).filter(Objects::nonNull).toList();
    }
}
