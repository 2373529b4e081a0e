package dev.probe.cli;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.intervene.EditMode;
import dev.probe.intervene.ExtractionEdits;
import dev.probe.model.ModelEdits;
import dev.probe.report.RankingFiles;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code probe extract --intervene SET --ranking DIR …}: extract from a model whose forward pass is edited. */
public final class InterventionOptions {
    @Option(names = "--intervene", paramLabel = "SET", description = "Extract under an intervention: change this"
            + " neuron set of --ranking inside every forward pass (minimal, top:N, bottom:N, random:N, class:NAME,"
            + " list:L:U,…); recorded in the manifest, and the store counts as another model's.")
    String set;

    @Option(names = "--ranking", paramLabel = "DIR", description = "With --intervene: the rank folder the set comes"
            + " from.")
    Path ranking;

    @Mixin
    EditOptions edit;

    @Option(names = "--means", paramLabel = "STORE", description = "With --mode mean|shift: the store the means come"
            + " from (default: the ranking's training store).")
    Path means;

    /**
     * The edits asked for, or null without {@code --intervene}.
     *
     * @throws ProbeException when the ranking or the means store is unreadable
     */
    ModelEdits edits() throws ProbeException {
        if (set == null) {
            if (ranking != null || edit.hasShift() || means != null) {
                throw new InvalidRequest("intervene", "--ranking, --shift and --means go with --intervene SET");
            }
            return null;
        }
        if (ranking == null) {
            throw new InvalidRequest("intervene", "--intervene needs --ranking DIR");
        }
        EditMode mode = edit.mode();
        String from = edit.from();
        String to = edit.to();
        if (mode == EditMode.SHIFT && from == null) {
            throw new InvalidRequest("shift", "--mode shift needs --shift FROM:TO");
        }
        RankingFiles.Digested r = RankingFiles.readDigested(ranking);
        if (mode == EditMode.ZERO) {
            return ExtractionEdits.of(r.result(), r.file(), r.sha256(), set, mode, edit.beta, from, to, null, null);
        }
        Path store = means != null ? means : Path.of(r.result().inputs().stores().get("train"));
        try (ActivationStore s = ActivationStore.open(store)) {
            return ExtractionEdits.of(r.result(), r.file(), r.sha256(), set, mode, edit.beta, from, to, s, null);
        }
    }
}
