package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.ActivationStore;
import dev.probe.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe extract --point ffn} end to end on the embedded MiniLM (6 layers, FFN width 1536). */
class FfnExtractTest {
    private static final String NEUROX = "data-samples/neurox/ewt-dev.sample.in";

    @Test
    void ffnPointStoresEveryBlocksFfnNeurons(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("store");
        CliRun run = CliRun.run("extract", "-q", "--input", NEUROX, "--out", out.toString(), "--point", "ffn");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (ActivationStore store = ActivationStore.open(out)) {
            // [words, 6 × 1536]: blocks 1..6, no embedding layer (it has no FFN)
            assertThat(store.matrix().rows()).isEqualTo(1166);
            assertThat(store.matrix().cols()).isEqualTo(6 * 1536);
            assertThat(store.manifest().point()).isEqualTo("ffn");
            assertThat(store.manifest().layers()).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void ffnPointHasNoLayerZero(@TempDir Path tmp) {
        Path out = tmp.resolve("store");
        CliRun run = CliRun.run("extract", "-q", "--input", NEUROX, "--out", out.toString(), "--point", "ffn",
                "--layers", "0");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("probe: ").contains("--layers").contains("layer 0");
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
    }
}
