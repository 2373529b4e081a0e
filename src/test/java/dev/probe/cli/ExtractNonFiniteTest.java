package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.testing.CliRun;
import dev.probe.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that gives NaN, ±Inf or (for a float16 store) a value beyond ±65504 ends {@code extract} with exit code 2,
 * one stderr line naming the corpus file, the line and index of the first sentence in corpus order that shows it, the
 * layer and the unit, and no store left behind. The models are the tiny BERT fixture with edited weights.
 */
class ExtractNonFiniteTest {
    /**
     * Three sentences; with the byte-level tokenizer each word ends in the token of its last letter. Sentence 2 is the
     * longest, so it runs in the first batch; sentence 1 (lines 4–7) is the first in corpus order with a word "z".
     */
    private static final String CORPUS = """
            a\tX
            b\tY

            a\tX
            b\tY
            z\tX
            c\tY

            z\tX
            a\tY
            b\tX
            c\tY
            d\tX
            e\tY
            """;

    /** The id of the byte token "z" in byte-bpe-roberta.json. */
    private static final int Z = 122;

    @TempDir
    Path tmp;

    private Path corpus() throws IOException {
        return Files.writeString(tmp.resolve("corpus.tsv"), CORPUS);
    }

    private CliRun extract(Path model, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("extract", "-q", "--input", corpus().toString(), "--model",
                model.toString(), "--out", tmp.resolve("out").toString(), "--force"));
        args.addAll(Arrays.asList(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    private void assertFailsCleanly(CliRun run, String... expected) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("probe: ").contains(expected);
        assertThat(run.out()).isEmpty();
        assertThat(tmp.resolve("out")).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".out"));
        }
    }

    @Test
    void nanWeightNamesTheFirstSentenceInCorpusOrderAndTheLayer() throws IOException {
        Path model = TinyModels.bert(tmp.resolve("nan-z"), (name, data) -> {
            if (name.equals("embeddings.word_embeddings.weight")) {
                data[Z * 32 + 3] = Float.NaN; // unit 3 of the embedding of "z"
            }
        });
        // The NaN reaches layer 0 only at "z" (its LayerNorm makes the whole vector NaN), later layers everywhere in
        // the sentence: the lowest layer is named, with the word where it shows.
        String expected = "corpus.tsv:4: sentence index 1, word 2 ('z'): layer 0, unit 0 is NaN";
        assertFailsCleanly(extract(model), expected);
        assertFailsCleanly(extract(model, "--batch-size", "1", "--threads", "2"), expected);
        assertFailsCleanly(extract(model, "--layers", "2", "--batch-size", "1"),
                "corpus.tsv:4: sentence index 1, word 0 ('a'): layer 2, unit 0 is NaN");
    }

    @Test
    void nanInALaterBlockIsNamedAtThatLayerAndLayersBeforeItStillExtract() throws IOException {
        Path model = TinyModels.bert(tmp.resolve("nan-block"), (name, data) -> {
            if (name.equals("encoder.layer.1.output.dense.bias")) {
                data[7] = Float.POSITIVE_INFINITY;
            }
        });
        assertFailsCleanly(extract(model), "corpus.tsv:1: sentence index 0, word 0 ('a'): layer 2, unit ",
                "the model gives non-finite activations");
        CliRun ok = extract(model, "--layers", "0,1");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(tmp.resolve("out/activations.npy")).exists();
    }

    @Test
    void negativeLayerNormEpsilonIsRefusedNamingTheConfig() throws IOException {
        Path model = TinyModels.bert(tmp.resolve("eps"));
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"layer_norm_eps\": 1e-12",
                "\"layer_norm_eps\": -1e-05"));
        assertFailsCleanly(extract(model),
                config + ": key 'layer_norm_eps' must be a non-negative number, found -1.0E-5");
    }

    @Test
    void float16RefusesValuesBeyondItsRangeAdvisingFloat32() throws IOException {
        Path model = TinyModels.bert(tmp.resolve("big"), (name, data) -> {
            if (name.equals("embeddings.LayerNorm.bias")) {
                data[5] = 70000f; // layer 0 (the embedding output), unit 5, of every word
            }
        });
        assertFailsCleanly(extract(model, "--dtype", "float16"),
                "corpus.tsv:1: sentence index 0, word 0 ('a'): layer 0, unit 5 reaches ",
                "beyond the float16 range (±65504); extract with --dtype float32");
        CliRun ok = extract(model, "--dtype", "float32");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void anUneditedModelExtracts() throws IOException {
        CliRun ok = extract(TinyModels.bert(tmp.resolve("plain")), "--dtype", "float16");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("words\t12");
    }
}
