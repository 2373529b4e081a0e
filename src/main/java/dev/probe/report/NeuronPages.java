package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreManifest;
import dev.probe.atlas.NeuronId;
import dev.probe.atlas.NeuronProfile;
import dev.probe.atlas.NeuronProfiler;
import dev.probe.atlas.NeuronsReport;
import dev.probe.atlas.ProfileOptions;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Pages for a few neurons of one store: {@code neuron-L-U.html} each and {@code neurons.json} (provenance and the
 * profiles). The store's rows are read once for all the neurons ({@link NeuronProfiler}). {@link #write} is the
 * {@code probe neuron} stage (a folder that appears all at once); {@link #writeInto} fills a folder the caller owns,
 * such as a subfolder of a report being written.
 */
public final class NeuronPages {
    private NeuronPages() {
    }

    /**
     * Creates {@code out} (kind {@link OutputKind#NEURON}) with the pages of {@code neurons}.
     *
     * @param labelColumn the class column, null for the store's default label
     * @param force replace a neuron folder this tool wrote there
     * @throws ProbeException naming the file at fault (the store, the output)
     * @throws dev.probe.InvalidRequest when a neuron is not in the store
     */
    public static NeuronsReport write(Path store, String labelColumn, List<NeuronId> neurons, ProfileOptions options,
            Path out, boolean force) throws ProbeException {
        return write(store, labelColumn, neurons, options, out, force, NeuronProfiler.Progress.NONE);
    }

    /** As {@link #write(Path, String, List, ProfileOptions, Path, boolean)}, telling {@code progress} the rows read. */
    public static NeuronsReport write(Path store, String labelColumn, List<NeuronId> neurons, ProfileOptions options,
            Path out, boolean force, NeuronProfiler.Progress progress) throws ProbeException {
        OutputGuard.check(out, OutputKind.NEURON, force, List.of(store));
        try (ActivationStore s = ActivationStore.open(store)) {
            List<NeuronProfile> profiles = NeuronProfiler.profile(s, labelColumn, neurons, options, progress);
            try (AtomicDirectory dir = AtomicDirectory.create(out, OutputKind.NEURON, force)) {
                NeuronsReport report = report(s, profiles, neurons, options, null);
                write(report, dir.path());
                dir.commit();
                return report;
            }
        }
    }

    /**
     * Writes the pages of {@code neurons} and {@code neurons.json} into {@code dir} (created if missing; files of the
     * same names are replaced).
     *
     * @throws ProbeException naming the file at fault
     */
    public static NeuronsReport writeInto(ActivationStore store, String labelColumn, List<NeuronId> neurons,
            ProfileOptions options, Path dir) throws ProbeException {
        return writeInto(store, labelColumn, null, neurons, options, dir);
    }

    /**
     * As {@link #writeInto(ActivationStore, String, List, ProfileOptions, Path)}, naming the task in the titles.
     *
     * @param task the task's name (as a pipeline calls it), or null for the label column
     */
    public static NeuronsReport writeInto(ActivationStore store, String labelColumn, String task,
            List<NeuronId> neurons, ProfileOptions options, Path dir) throws ProbeException {
        List<NeuronProfile> profiles = NeuronProfiler.profile(store, labelColumn, neurons, options);
        NeuronsReport report = report(store, profiles, neurons, options, task);
        write(report, dir);
        return report;
    }

    /** As {@link #writeInto(ActivationStore, String, List, ProfileOptions, Path)}, opening the store. */
    public static NeuronsReport writeInto(Path store, String labelColumn, List<NeuronId> neurons,
            ProfileOptions options, Path dir) throws ProbeException {
        try (ActivationStore s = ActivationStore.open(store)) {
            return writeInto(s, labelColumn, neurons, options, dir);
        }
    }

    private static NeuronsReport report(ActivationStore store, List<NeuronProfile> profiles, List<NeuronId> neurons,
            ProfileOptions options, String task) throws ProbeException {
        StoreManifest m = store.manifest();
        String digest = store.manifestSha256();
        String label = profiles.isEmpty() ? store.labelColumn(null) : profiles.get(0).labelColumn();
        return new NeuronsReport(NeuronsReport.FORMAT_VERSION, Provenance.now(),
                new NeuronsReport.StoreRef(store.dir().toAbsolutePath().toString(), digest, store.matrix().rows()),
                m.model().spec(), m.point(), label, options,
                neurons.stream().map(n -> n.fileStem() + ".html").toList(), profiles, task);
    }

    private static void write(NeuronsReport report, Path dir) throws ProbeException {
        Path file = dir.resolve(NeuronsReport.FILE_NAME);
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < report.profiles().size(); i++) {
                file = dir.resolve(report.pages().get(i));
                Files.writeString(file, NeuronPage.html(report, report.profiles().get(i)), StandardCharsets.UTF_8);
            }
            file = dir.resolve(NeuronsReport.FILE_NAME);
            Files.writeString(file, Json.writer(NeuronsReport.class).writeValueAsString(report) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
