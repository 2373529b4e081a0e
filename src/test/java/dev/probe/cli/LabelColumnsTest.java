package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One store per corpus: {@code probe extract} once, then {@code rank --label xpos} and {@code --label deprel} on the
 * same store give what the former one-column stores gave (a store extracted with {@code --column deprel}, ranked on
 * its default label), number for number, and the store's default column (XPOS) trains from the same files. Default
 * model, first EWT sample sentences, embedding and last layer.
 */
class LabelColumnsTest {
    @TempDir
    static Path tmp;

    private static Path train;
    private static Path dev;

    @BeforeAll
    static void extract() throws IOException {
        train = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 120, "--layers", "0,6");
        dev = SampleStores.extract(tmp, "dev", SampleStores.EWT_DEV, 40, "--layers", "0,6");
    }

    private static JsonNode rank(String name, Path trainStore, Path devStore, String... label) throws IOException {
        Path out = tmp.resolve(name);
        // rare labels folded, a loose threshold and the first schedule point keep this quick (on 2,000 words the
        // solver needs minutes to reach 1e-3); both sides use the same settings, so they must agree exactly
        String[] base = {"rank", "-q", "--train", trainStore.toString(), "--dev", devStore.toString(), "--min-count",
            "20", "--tolerance", "1e-2", "--delta", "100", "--out", out.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(label))
                .toArray(String[]::new);
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(out.resolve("ranking.json").toFile());
    }

    /** The figures a ranking reports, without times, paths and digests. */
    private static String figures(JsonNode r) {
        return String.join("\n", r.path("ordering").toString(), r.path("oracle").toString(),
                r.path("minimal_set").toString(), r.path("keep").toString(), r.path("curves").toString(),
                r.path("layers").toString(), r.path("per_class").toString())
                .replaceAll("\"seconds\":[0-9.eE+-]+", "\"seconds\":_");
    }

    @Test
    void oneStoreServesEveryColumnWithTheSameResults() throws Exception {
        Path trainDeprel = SampleStores.extract(tmp, "train-deprel", SampleStores.EWT_TRAIN, 120, "--layers", "0,6",
                "--column", "deprel");
        Path devDeprel = SampleStores.extract(tmp, "dev-deprel", SampleStores.EWT_DEV, 40, "--layers", "0,6",
                "--column", "deprel");
        assertThat(Files.readString(trainDeprel.resolve("tokens.tsv")))
                .as("the column given to extract changes no row").isEqualTo(Files.readString(train.resolve("tokens.tsv")));

        assertThat(Files.mismatch(trainDeprel.resolve("activations.npy"), train.resolve("activations.npy")))
                .isEqualTo(-1L);

        JsonNode deprel = rank("deprel", train, dev, "--label", "DEPREL");
        JsonNode deprelStore = rank("deprel-store", trainDeprel, devDeprel);
        assertThat(deprel.path("inputs").path("label_column").asText()).isEqualTo("deprel");
        assertThat(figures(deprel)).isEqualTo(figures(deprelStore));
        assertThat(deprel.path("per_class").toString()).contains("\"nsubj\"");

        // the same store, another column: XPOS, the store's default (a rank of it costs minutes on this little data)
        Path probe = tmp.resolve("xpos-probe");
        CliRun xpos = CliRun.run("train", "-q", "--train", train.toString(), "--dev", dev.toString(), "--label",
                "xpos", "--min-count", "20", "--tolerance", "1e-2", "--json", "--out", probe.toString());
        assertThat(xpos.exitCode()).as(xpos.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(probe.resolve("probe.json").toFile());
        assertThat(report.path("label").asText()).isEqualTo("xpos");
        assertThat(report.path("labels").toString()).contains("\"NN\"").doesNotContain("\"nsubj\"");
    }

    @Test
    void anUnknownColumnIsOneLineNamingTheColumnsThereAre() throws Exception {
        CliRun run = CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(), "--label",
                "colour", "--out", tmp.resolve("none").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("probe: " + train.resolve("manifest.json") + ": no label column"
                + " 'colour'; this store keeps id, form, lemma, upos, xpos, feats, head, deprel, deps, misc");
        assertThat(tmp.resolve("none")).doesNotExist();
    }
}
