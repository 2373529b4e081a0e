package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreManifest;
import dev.probe.testing.CliRun;
import dev.probe.testing.NpyArray;
import dev.probe.testing.SampleStores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe extract --random-init SEED} end to end on the embedded MiniLM (the first 10 sentences of the EWT train
 * sample): the manifest records the seed and scheme, the activations are not the real model's, a second run writes
 * the same bytes, and {@code train} refuses to mix the random twin with the real model.
 */
class RandomInitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENTENCES = 10;

    @TempDir
    static Path tmp;

    private static Path real;
    private static Path random;

    @BeforeAll
    static void extract() throws Exception {
        real = SampleStores.extract(tmp, "real", SampleStores.EWT_TRAIN, SENTENCES);
        random = SampleStores.extract(tmp, "random", SampleStores.EWT_TRAIN, SENTENCES, "--random-init", "7");
    }

    @Test
    void manifestRecordsTheSeedSchemeAndItsOwnWeightsIdentity() throws Exception {
        JsonNode model = JSON.readTree(random.resolve(StoreManifest.FILE_NAME).toFile()).path("model");
        JsonNode realModel = JSON.readTree(real.resolve(StoreManifest.FILE_NAME).toFile()).path("model");
        JsonNode init = model.path("random_init");
        assertThat(init.path("seed").asLong()).isEqualTo(7);
        assertThat(init.path("scheme").asText()).isEqualTo("BertPreTrainedModel._init_weights");
        assertThat(init.path("initializer_range").asDouble()).isEqualTo(0.02);
        assertThat(init.path("prng").asText()).startsWith("splitmix64");
        assertThat(init.path("checkpoint_sha256").asText()).isEqualTo(realModel.path("weights_sha256").asText());
        assertThat(model.path("weights_sha256").asText()).hasSize(64)
                .isNotEqualTo(realModel.path("weights_sha256").asText());
        assertThat(model.path("config_sha256")).isEqualTo(realModel.path("config_sha256"));
        assertThat(model.path("tokenizer_sha256")).isEqualTo(realModel.path("tokenizer_sha256"));
        assertThat(realModel.has("random_init")).as("a real store has no random_init key").isFalse();
        assertThat(StoreManifest.read(random).model().randomInit().seed()).isEqualTo(7);
        CliRun inspect = CliRun.run("inspect", random.toString());
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("weights re-initialised: --random-init 7");
    }

    @Test
    void activationsDifferFromTheRealModelsAndRepeatByteForByte() throws Exception {
        NpyArray a = NpyArray.read(real.resolve(ActivationStore.MATRIX_FILE));
        NpyArray b = NpyArray.read(random.resolve(ActivationStore.MATRIX_FILE));
        assertThat(b.shape()).isEqualTo(a.shape());
        int differ = 0;
        for (int i = 0; i < a.floats().length; i++) {
            assertThat(Float.isFinite(b.floats()[i])).isTrue();
            differ += a.floats()[i] != b.floats()[i] ? 1 : 0;
        }
        assertThat(differ).isGreaterThan(a.floats().length * 99 / 100);

        Path again = SampleStores.extract(tmp, "again", SampleStores.EWT_TRAIN, SENTENCES, "--random-init", "7");
        assertThat(Files.readAllBytes(again.resolve(ActivationStore.MATRIX_FILE)))
                .isEqualTo(Files.readAllBytes(random.resolve(ActivationStore.MATRIX_FILE)));
        Path other = SampleStores.extract(tmp, "other", SampleStores.EWT_TRAIN, SENTENCES, "--random-init", "8");
        assertThat(Files.readAllBytes(other.resolve(ActivationStore.MATRIX_FILE)))
                .isNotEqualTo(Files.readAllBytes(random.resolve(ActivationStore.MATRIX_FILE)));
    }

    @Test
    void trainRefusesToMixTheRandomTwinWithTheRealModel() {
        Path probe = tmp.resolve("mixed-probe");
        CliRun run = CliRun.run("train", "-q", "--train", real.toString(), "--dev", random.toString(), "--out",
                probe.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).contains(random.toString()).contains("random-init seed 7")
                .contains("random-weight control");
        assertThat(probe).doesNotExist();
    }

    @Test
    void evalRefusesAProbeOfTheRealModelOnTheRandomTwin() {
        Path probe = tmp.resolve("real-probe");
        CliRun train = CliRun.run("train", "-q", "--train", real.toString(), "--dev", real.toString(), "--out",
                probe.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        CliRun eval = CliRun.run("eval", "-q", "--probe", probe.toString(), "--store", random.toString());
        assertThat(eval.exitCode()).as(eval.err()).isEqualTo(2);
        assertThat(eval.errLines()).singleElement().asString().contains(random.toString())
                .contains("random-init seed 7");
        assertThat(CliRun.run("eval", "-q", "--probe", probe.toString(), "--store", real.toString()).exitCode())
                .isZero();
    }

    @Test
    void summaryLineAndBadSeedsAreOneLine() {
        CliRun summary = CliRun.run("extract", "-q", "--input", tmp.resolve("real.conllu").toString(), "--out",
                tmp.resolve("summary").toString(), "--random-init", "3", "--layers", "0");
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("random_init\tseed 3 (BertPreTrainedModel._init_weights)");
        CliRun bad = CliRun.run("extract", "-q", "--input", tmp.resolve("real.conllu").toString(), "--out",
                tmp.resolve("bad").toString(), "--random-init", "seven");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines().get(0)).contains("--random-init");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }
}
