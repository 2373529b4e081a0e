package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.testing.CliRun;
import dev.probe.testing.TinyBert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code configs/bert-vs-xlnet.yaml}, byte for byte, run by {@code probe run} in a copy of the layout it expects
 * ({@code models/<name>} beside {@code configs/}, {@code ../shared/data/ud-ewt}), with the golden fixtures' tiny BERT
 * and XLNet (2 layers, hidden 32; a letter-by-letter WordPiece tokenizer, since the fixtures have none) in place of
 * bert-base-cased and xlnet-base-cased and 30/10/10 sentences of the bundled EWT samples in place of full EWT. Then
 * the workflow's gate runs on its comparison: every expectation evaluates (met or failed, never malformed or unknown).
 */
class BertVsXlnetConfigTest {
    @Test
    void theConfigurationRunsAndTheWorkflowsGateEvaluatesOnItsComparison(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        Path config = project.resolve("configs/bert-vs-xlnet.yaml");
        Files.createDirectories(config.getParent());
        Files.copy(Path.of("configs/bert-vs-xlnet.yaml"), config);
        TinyBert.folder(project.resolve("models/bert-base-cased"));
        tinyXlnet(project.resolve("models/xlnet-base-cased"));
        Path ewt = tmp.resolve("shared/data/ud-ewt");
        Files.createDirectories(ewt);
        slice(Path.of("data-samples/ud-ewt/en_ewt-ud-train.sample.conllu"), 30, ewt.resolve("en_ewt-ud-train.conllu"));
        slice(Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu"), 10, ewt.resolve("en_ewt-ud-dev.conllu"));
        slice(Path.of("data-samples/ud-ewt/en_ewt-ud-test.sample.conllu"), 10, ewt.resolve("en_ewt-ud-test.conllu"));

        CliRun run = CliRun.run("run", "-q", "--config", config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path runDir = project.resolve("runs/bert-vs-xlnet");
        JsonNode comparison = new ObjectMapper().readTree(runDir.resolve("comparison.json").toFile());
        List<String> rows = new ArrayList<>();
        comparison.get("rows").forEach(r -> rows.add(Path.of(r.get("model").asText()).getFileName() + "/"
                + r.get("task").asText()));
        assertThat(rows).containsExactly("bert-base-cased/deprel", "bert-base-cased/xpos", "xlnet-base-cased/deprel",
                "xlnet-base-cased/xpos");
        assertThat(runDir.resolve("comparison.html")).isRegularFile();
        assertThat(runDir.resolve("runs/bert-base-cased/xpos/rank/report.html")).isRegularFile();
        assertThat(runDir.resolve("runs/xlnet-base-cased/deprel/rank/report.html")).isRegularFile();

        List<String> args = new ArrayList<>(List.of("compare", runDir.resolve("runs").toString()));
        List<String> expectations = WorkflowCommandsTest.workflowExpectations();
        expectations.forEach(e -> args.addAll(List.of("--expect", e)));
        CliRun gate = CliRun.run(args.toArray(String[]::new));
        // a tiny model may miss the accuracy thresholds (exit 3), but every expectation must evaluate
        assertThat(gate.exitCode()).as(gate.err()).isIn(0, 3);
        assertThat(gate.errLines()).hasSize(expectations.size())
                .allSatisfy(l -> assertThat(l).startsWith("probe compare: expectation "))
                .contains("probe compare: expectation met: count(problems) == 0 (count = 0)",
                        "probe compare: expectation met: count(rows) == 4 (count = 4)");
    }

    /** The XLNet fixture's config and weights with TinyBert's tokenizer (ids below 60 of its 1,000). */
    private static void tinyXlnet(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            try (InputStream in = BertVsXlnetConfigTest.class.getResourceAsStream("/fixtures/xlnet/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        new ObjectMapper().writeValue(dir.resolve("tokenizer.json").toFile(), TinyBert.tokenizer());
    }

    /** The first {@code sentences} sentences of a CoNLL-U file. */
    private static void slice(Path from, int sentences, Path to) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(from, StandardCharsets.UTF_8)) {
            out.add(line);
            if (line.isBlank() && ++n == sentences) {
                break;
            }
        }
        Files.write(to, out, StandardCharsets.UTF_8);
    }
}
