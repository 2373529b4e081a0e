package dev.probe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.probe.testing.FixtureBatch;
import dev.probe.testing.NpyArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hidden state (and FFN activation) of the Hugging Face golden fixtures must be reproduced within 1e-4 at valid
 * positions. Runs on the fixtures copied into {@code src/test/resources/fixtures} and, when the system property
 * {@code probe.fixtures} names a directory, on every fixture folder found there too.
 */
class GoldenFixturesTest {
    private static final double TOLERANCE = 1e-4;

    @TestFactory
    Stream<DynamicTest> everyFixtureMatches() throws IOException, URISyntaxException {
        List<Path> folders = new ArrayList<>(fixtureFolders(
                Path.of(GoldenFixturesTest.class.getResource("/fixtures").toURI())));
        String extra = System.getProperty("probe.fixtures", "");
        if (!extra.isBlank()) {
            Path dir = Path.of(extra);
            if (!Files.isDirectory(dir)) {
                fail("-Dprobe.fixtures=" + extra + " is not a directory");
            }
            List<Path> found = fixtureFolders(dir);
            if (found.isEmpty()) {
                fail("-Dprobe.fixtures=" + extra + " holds no fixture folder (none has a config.json)");
            }
            folders.addAll(found);
        }
        return folders.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> check(f)));
    }

    private static List<Path> fixtureFolders(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).filter(p -> Files.exists(p.resolve("config.json"))).sorted()
                    .toList();
        }
    }

    static void check(Path folder) throws Exception {
        String type = ModelConfig.read(folder.resolve("config.json")).modelType();
        Assumptions.assumeTrue(Architectures.supported().stream().anyMatch(a -> a.modelType().equals(type)),
                () -> "architecture '" + type + "' is not implemented yet");
        TokenBatch batch = FixtureBatch.read(folder);
        NpyArray mask = NpyArray.read(folder.resolve("attention_mask.npy"));
        int compared = 0;
        try (Transformer model = Architectures.loadFolder(folder)) {
            ModelInfo info = model.info();
            List<Integer> hiddenLayers = info.availableLayers(ProbePoint.HIDDEN);
            LayerOutputs hidden = model.forward(batch, ProbePoint.HIDDEN, hiddenLayers);
            for (int layer : hiddenLayers) {
                compare(folder.resolve("hidden_" + layer + ".npy"), hidden.values().get(layer), mask.longs(), folder);
                compared++;
            }
            List<Integer> ffnLayers = info.availableLayers(ProbePoint.FFN);
            LayerOutputs ffn = model.forward(batch, ProbePoint.FFN, ffnLayers);
            for (int i = 0; i < ffnLayers.size(); i++) {
                Path file = folder.resolve("ffn_" + (ffnLayers.get(i) - 1) + ".npy");
                if (Files.exists(file)) {
                    compare(file, ffn.values().get(i), mask.longs(), folder);
                    compared++;
                }
            }
        }
        assertThat(compared).as("tensors compared in %s", folder).isGreaterThan(0);
    }

    private static void compare(Path expectedFile, float[] actual, long[] mask, Path folder) throws IOException {
        NpyArray expected = NpyArray.read(expectedFile);
        assertThat(actual).as("size of %s", expectedFile).hasSize(expected.floats().length);
        int width = (int) expected.shape()[expected.shape().length - 1];
        double worst = 0;
        int worstAt = -1;
        for (int position = 0; position < mask.length; position++) {
            if (mask[position] == 0) {
                continue;
            }
            for (int j = 0; j < width; j++) {
                int k = position * width + j;
                double diff = Math.abs(actual[k] - expected.floats()[k]);
                if (!(diff <= worst)) {
                    worst = diff;
                    worstAt = k;
                }
            }
        }
        if (!(worst < TOLERANCE)) {
            fail(String.format(Locale.ROOT, "%s: max |java - fixture| = %.3g at flat index %d (tolerance %.0e) in %s",
                    folder.getFileName(), worst, worstAt, TOLERANCE, expectedFile.getFileName()));
        }
    }
}
