package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code probe models}: the same listing as text and as JSON. */
class ModelsCommandTest {
    @Test
    void listsAliasesAndArchitecturesAsTextAndJson() throws Exception {
        CliRun text = CliRun.run("models");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("alias\tavailable\tcached\thugging_face_id\tfolder\nminilm\tyes\t")
                .contains("\ntorchscript\tany module returning the tuple of hidden states");

        CliRun json = CliRun.run("models", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.path("aliases").get(0).path("name").asText()).isEqualTo("minilm");
        assertThat(root.path("aliases").get(0).path("available").asBoolean()).isTrue();
        assertThat(root.path("aliases").get(0).path("hugging_face_id").asText())
                .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(root.path("architectures").has("bert")).isTrue();
        assertThat(root.path("architectures").has("torchscript")).isTrue();
        assertThat(root.path("cache").asText()).endsWith("models");
    }
}
