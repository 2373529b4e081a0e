package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.activations.store.ActivationStore;
import dev.probe.io.Hashes;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe intervene} and {@code probe extract --intervene} end to end on the embedded MiniLM (layers 0 and 6 of
 * the first EWT sample sentences), and their bad inputs.
 */
class InterveneCommandTest {
    private static final String[] CHEAP = {"--min-count", "20", "--tolerance", "1e-2", "--delta", "100"};

    @TempDir
    static Path tmp;

    private static Path train;
    private static Path dev;
    private static Path rank;

    @BeforeAll
    static void extractAndRank() throws IOException {
        train = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 120, "--layers", "0,6");
        dev = SampleStores.extract(tmp, "dev", SampleStores.EWT_DEV, 40, "--layers", "0,6");
        rank = tmp.resolve("rank");
        List<String> args = new ArrayList<>(List.of("rank", "-q", "--train", train.toString(), "--dev",
                dev.toString(), "--out", rank.toString(), "--ablate", "minimal", "--ablate-random", "2"));
        args.addAll(List.of(CHEAP));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static CliRun intervene(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("intervene", "-q", "--ranking", rank.toString(), "--train",
                train.toString(), "--dev", dev.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void measuresSetsAgainstMatchedRandomSets() throws Exception {
        Path out = tmp.resolve("zero");
        CliRun run = intervene(out, "--set", "minimal", "--set", "list:0:3,6:17", "--random", "2", "--probe-layers",
                "6", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).path("effects").size()).isPositive();
        String text = Files.readString(out.resolve("intervention.json"));
        assertThat(text).doesNotContain("NaN");
        JsonNode r = new ObjectMapper().readTree(text);
        assertThat(r.path("format_version").asInt()).isEqualTo(1);
        assertThat(r.path("settings").path("mode").asText()).isEqualTo("zero");
        JsonNode ranking = new ObjectMapper().readTree(rank.resolve("ranking.json").toFile());

        // the unedited run through the model reproduces the dev store: the ranking's own oracle scores as it did
        JsonNode oracle = null;
        for (JsonNode p : r.path("probes")) {
            if (p.path("layer").isNull() || p.path("layer").isMissingNode()) {
                oracle = p;
            }
        }
        assertThat(oracle).isNotNull();
        assertThat(oracle.path("accuracy").asDouble()).isCloseTo(ranking.path("oracle").path("dev").asDouble(),
                within(1e-12));

        JsonNode minimal = r.path("sets").get(0);
        assertThat(minimal.path("spec").asText()).isEqualTo("minimal");
        assertThat(minimal.path("random_seeds").size()).isEqualTo(2);
        JsonNode list = r.path("sets").get(1);
        assertThat(list.path("names").toString()).isEqualTo("[\"0:3\",\"6:17\"]");

        Set<String> measures = new TreeSet<>();
        for (JsonNode e : r.path("effects")) {
            Set<String> keys = new TreeSet<>();
            e.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).contains("measure", "layer", "set", "neurons", "value", "random_mean", "random_sd");
            measures.add(e.path("measure").asText());
            assertThat(e.path("random_sd").asDouble()).isNotNegative();
        }
        // MiniLM is a sentence-transformer checkpoint: no LM head, so no LM measure
        assertThat(measures).containsExactlyInAnyOrder("probe_accuracy_drop", "oracle_accuracy_drop",
                "output_cosine_change", "output_l2_change", "sentence_cosine_change");
        assertThat(out.resolve("intervention.html")).isNotEmptyFile();
        assertThat(out.resolve("intervention.svg")).isNotEmptyFile();
    }

    @Test
    void rankAblateAddsTheSectionToTheReport() throws Exception {
        JsonNode r = new ObjectMapper().readTree(rank.resolve("intervention").resolve("intervention.json").toFile());
        assertThat(r.path("sets").get(0).path("spec").asText()).isEqualTo("minimal");
        assertThat(r.path("inputs").path("ranking").asText()).isEqualTo(rank.toAbsolutePath().toString());
        assertThat(r.path("inputs").path("ranking_sha256").asText())
                .isEqualTo(Hashes.sha256(rank.resolve("ranking.json")));
        String html = Files.readString(rank.resolve("report.html"));
        assertThat(html).contains(">Interventions<").contains("intervention/intervention.html")
                .contains("<svg");
        assertThat(Files.readString(rank.resolve("report.md"))).contains("intervention/intervention.png");
        assertThat(rank.resolve("intervention").resolve("intervention.png")).isNotEmptyFile();
    }

    @Test
    void badRequestsEndWithExitTwoAndNoOutput() {
        String[][] cases = {
            {"--set", "sideways:3"}, {"--set", "list:9:0"}, {"--set", "minimal", "--mode", "blend"},
            {"--set", "minimal", "--mode", "shift"}, {"--set", "minimal", "--mode", "shift", "--shift", "NN:ZZZ"},
            {"--set", "minimal", "--random", "1"}};
        int i = 0;
        for (String[] c : cases) {
            Path out = tmp.resolve("bad" + i++);
            CliRun run = intervene(out, c);
            assertThat(run.exitCode()).as(String.join(" ", c) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(out).doesNotExist();
        }
        // stores other than the ranking's
        CliRun swapped = CliRun.run("intervene", "-q", "--ranking", rank.toString(), "--train", dev.toString(),
                "--dev", train.toString(), "--set", "minimal", "--out", tmp.resolve("swapped").toString());
        assertThat(swapped.exitCode()).as(swapped.err()).isEqualTo(2);
        assertThat(swapped.err()).contains("manifest");
    }

    @Test
    void aStoreExtractedUnderAnInterventionIsAnotherModels() throws Exception {
        Path corpus = tmp.resolve("dev.conllu");
        Path edited = tmp.resolve("dev-edited");
        CliRun run = CliRun.run("extract", "-q", "--input", corpus.toString(), "--layers", "0,6", "--out",
                edited.toString(), "--intervene", "minimal", "--ranking", rank.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode model = json.readTree(edited.resolve("manifest.json").toFile()).path("model");
        JsonNode record = model.path("intervention");
        assertThat(record.path("set").asText()).isEqualTo("minimal");
        assertThat(record.path("mode").asText()).isEqualTo("zero");
        JsonNode cleanModel = json.readTree(dev.resolve("manifest.json").toFile()).path("model");
        assertThat(cleanModel.has("intervention")).isFalse();
        assertThat(model.path("weights_sha256").asText()).isNotEqualTo(cleanModel.path("weights_sha256").asText());

        // every neuron of the minimal set reads zero in every row of the edited store (edits apply at the layer read)
        JsonNode minimal = json.readTree(rank.resolve("ranking.json").toFile()).path("minimal_set").path("neurons");
        assertThat(minimal.size()).isPositive();
        try (ActivationStore store = ActivationStore.open(edited)) {
            for (Iterator<JsonNode> it = minimal.elements(); it.hasNext(); ) {
                int neuron = it.next().asInt();
                for (long row = 0; row < store.matrix().rows(); row++) {
                    assertThat(store.matrix().get(row, neuron)).as("neuron %d row %d", neuron, row).isZero();
                }
            }
        }

        // and it does not mix with the clean stores
        CliRun mixed = CliRun.run("rank", "-q", "--train", train.toString(), "--dev", edited.toString(), "--out",
                tmp.resolve("mixed").toString());
        assertThat(mixed.exitCode()).as(mixed.err()).isEqualTo(2);
        assertThat(mixed.err()).contains("intervention");
    }
}
