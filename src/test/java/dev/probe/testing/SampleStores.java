package dev.probe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small real stores for end-to-end tests: the first sentences of a bundled sample through the embedded MiniLM. */
public final class SampleStores {
    /** The bundled EWT train sample. */
    public static final Path EWT_TRAIN = Path.of("data-samples/ud-ewt/en_ewt-ud-train.sample.conllu");
    /** The bundled EWT dev sample. */
    public static final Path EWT_DEV = Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu");

    private SampleStores() {
    }

    /**
     * Extracts the first {@code sentences} sentences of a CoNLL-U file into {@code dir/name} with {@code probe
     * extract} (default model, all layers) and extra arguments such as {@code --column deprel}.
     */
    public static Path extract(Path dir, String name, Path conllu, int sentences, String... extra) throws IOException {
        List<String> slice = new ArrayList<>();
        int done = 0;
        for (String line : Files.readAllLines(conllu, StandardCharsets.UTF_8)) {
            if (done == sentences) {
                break;
            }
            slice.add(line);
            if (line.isBlank()) {
                done++;
            }
        }
        Path corpus = dir.resolve(name + ".conllu");
        Files.write(corpus, slice, StandardCharsets.UTF_8);
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("extract", "-q", "--input", corpus.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }
}
