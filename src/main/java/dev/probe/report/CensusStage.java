package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.atlas.Census;
import dev.probe.atlas.CensusComputation;
import dev.probe.atlas.CensusSettings;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code probe census} stage: the census of one store ({@link CensusComputation}) and its files
 * ({@link CensusReport}) in a folder that appears all at once, or not at all.
 */
public final class CensusStage {
    private CensusStage() {
    }

    /**
     * Runs the census of {@code store} into the new folder {@code out}.
     *
     * @param force replace a census folder this tool wrote at {@code out}
     * @param progress told the rows read so far
     * @return the census written
     * @throws ProbeException when the store is unreadable, holds a non-finite value, or the output may not be written
     */
    public static Census run(Path store, Path out, boolean force, CensusSettings settings,
            CensusComputation.Progress progress) throws ProbeException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(out, "out");
        OutputGuard.check(out, OutputKind.CENSUS, force, List.of(store));
        try (AtomicDirectory dir = AtomicDirectory.create(out, OutputKind.CENSUS, force);
                ActivationStore s = ActivationStore.open(store)) {
            Census census = CensusComputation.compute(s, settings, progress);
            CensusReport.write(census, dir.path());
            dir.commit();
            return census;
        } catch (IOException e) {
            throw new ProbeException(out, "cannot write the census: " + e.getMessage(), e);
        }
    }
}
