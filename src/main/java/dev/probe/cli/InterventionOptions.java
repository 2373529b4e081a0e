package dev.probe.cli;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.intervene.EditMode;
import dev.probe.intervene.ExtractionEdits;
import dev.probe.io.Hashes;
import dev.probe.model.ModelEdits;
import dev.probe.rank.RankingResult;
import dev.probe.report.RankingFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--edit", defaultValue = "zero", paramLabel = "zero|mean|shift",
            description = "With --intervene: what is done to the neurons (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--beta", defaultValue = "1", paramLabel = "B",
            description = "With --edit shift: move by B·(mean of TO − mean of FROM) (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--shift", paramLabel = "FROM:TO", description = "With --edit shift: the two classes.")
    String shift;

    @Option(names = "--means", paramLabel = "STORE", description = "With --edit mean|shift: the store the means come"
            + " from (default: the ranking's training store).")
    Path means;

    /**
     * The edits asked for, or null without {@code --intervene}.
     *
     * @throws ProbeException when the ranking or the means store is unreadable
     */
    ModelEdits edits() throws ProbeException {
        if (set == null) {
            if (ranking != null || shift != null || means != null) {
                throw new InvalidRequest("intervene", "--ranking, --shift and --means go with --intervene SET");
            }
            return null;
        }
        if (ranking == null) {
            throw new InvalidRequest("intervene", "--intervene needs --ranking DIR");
        }
        EditMode edit = EditMode.parse(mode);
        String[] pair = EditMode.classes(shift);
        String from = pair == null ? null : pair[0];
        String to = pair == null ? null : pair[1];
        if (edit == EditMode.SHIFT && from == null) {
            throw new InvalidRequest("shift", "--edit shift needs --shift FROM:TO");
        }
        Path file = Files.isDirectory(ranking) ? ranking.resolve(RankingFiles.FILE_NAME) : ranking;
        RankingResult r = RankingFiles.read(file);
        String sha;
        try {
            sha = Hashes.sha256(file);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
        if (edit == EditMode.ZERO) {
            return ExtractionEdits.of(r, file, sha, set, edit, beta, from, to, null, null);
        }
        Path store = means != null ? means : Path.of(r.inputs().stores().get("train"));
        try (ActivationStore s = ActivationStore.open(store)) {
            return ExtractionEdits.of(r, file, sha, set, edit, beta, from, to, s, null);
        }
    }
}
