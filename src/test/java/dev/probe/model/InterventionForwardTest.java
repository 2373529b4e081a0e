package dev.probe.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.testing.FixtureBatch;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Edits inside the forward pass, on every golden fixture architecture: no edit (and an identity edit of every neuron)
 * reproduces the unedited pass bit for bit, and zeroing one neuron changes that neuron at its layer and nothing before
 * it, while later layers see the change.
 */
class InterventionForwardTest {

    @TestFactory
    Stream<DynamicTest> everyArchitecture() throws IOException, URISyntaxException {
        Path root = Path.of(InterventionForwardTest.class.getResource("/fixtures").toURI());
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.exists(p.resolve("config.json"))).sorted().toList().stream()
                    .flatMap(folder -> Stream.of(
                            DynamicTest.dynamicTest(folder.getFileName() + ": no edit is the model's own pass",
                                    () -> noEditIsExact(folder)),
                            DynamicTest.dynamicTest(folder.getFileName() + ": a hidden neuron zeroed",
                                    () -> zeroOne(folder, ProbePoint.HIDDEN)),
                            DynamicTest.dynamicTest(folder.getFileName() + ": an FFN neuron zeroed",
                                    () -> zeroOne(folder, ProbePoint.FFN))));
        }
    }

    private static void noEditIsExact(Path folder) throws Exception {
        TokenBatch batch = FixtureBatch.read(folder);
        try (Transformer model = Architectures.loadFolder(folder)) {
            assertThat(model.supportsInterventions()).isTrue();
            for (ProbePoint point : ProbePoint.values()) {
                List<Integer> layers = model.info().availableLayers(point);
                LayerOutputs plain = model.forward(batch, point, layers);
                Map<Integer, NeuronEdit> empty = new HashMap<>();
                Map<Integer, NeuronEdit> identities = new HashMap<>();
                int width = model.info().width(point);
                for (int layer : layers) {
                    empty.put(layer, NeuronEdit.zero(new int[0]));
                    float[] ones = new float[width];
                    Arrays.fill(ones, 1f);
                    identities.put(layer, new NeuronEdit(range(width), ones, new float[width]));
                }
                Intervention identity = Intervention.at(point, identities);
                for (Intervention edits : List.of(Intervention.NONE, Intervention.at(point, empty), identity)) {
                    ForwardResult result = model.forward(batch, point, layers, edits, true);
                    for (int i = 0; i < layers.size(); i++) {
                        float[] after = result.layers().values().get(i);
                        float[] before = plain.values().get(i);
                        if (edits == identity) {
                            // x·1 + 0 is x except that −0 becomes +0
                            for (int k = 0; k < before.length; k++) {
                                assertThat(after[k] == before[k]).as("%s layer %d at %d", point, layers.get(i), k)
                                        .isTrue();
                            }
                        } else {
                            assertThat(after).as("%s layer %d", point, layers.get(i)).containsExactly(before);
                        }
                    }
                    assertThat(result.output()).hasSize(batch.size() * batch.length() * model.info().hiddenSize());
                }
            }
            // and the model's output is its last hidden state
            int last = model.info().layers();
            ForwardResult result = model.forward(batch, ProbePoint.HIDDEN, List.of(last), Intervention.NONE, false);
            assertThat(result.output()).containsExactly(result.layers().values().get(0));
        }
    }

    private static void zeroOne(Path folder, ProbePoint point) throws Exception {
        TokenBatch batch = FixtureBatch.read(folder);
        try (Transformer model = Architectures.loadFolder(folder)) {
            ModelInfo info = model.info();
            List<Integer> hiddenLayers = info.availableLayers(ProbePoint.HIDDEN);
            LayerOutputs clean = model.forward(batch, ProbePoint.HIDDEN, hiddenLayers);
            LayerOutputs cleanPoint = model.forward(batch, point, info.availableLayers(point));
            int unit = 5;
            for (int layer : info.availableLayers(point)) {
                Intervention edit = Intervention.at(point, Map.of(layer, NeuronEdit.zero(new int[] {unit})));
                ForwardResult hidden = model.forward(batch, ProbePoint.HIDDEN, hiddenLayers, edit, false);
                // hidden state h is computed before FFN layer h's edit only when h < layer (an FFN edit in block h
                // changes block h's output, hidden state h)
                for (int h : hiddenLayers) {
                    float[] before = clean.values().get(h);
                    float[] after = hidden.layers().values().get(h);
                    if (h < layer) {
                        assertThat(after).as("%s edit at %d: hidden %d", point, layer, h).containsExactly(before);
                    } else if (point == ProbePoint.HIDDEN && h == layer) {
                        assertOnlyUnitZeroed(before, after, info.hiddenSize(), unit);
                    } else {
                        assertThat(after).as("%s edit at %d: hidden %d", point, layer, h).isNotEqualTo(before);
                    }
                }
                if (point == ProbePoint.FFN) {
                    LayerOutputs ffn = model.forward(batch, point, info.availableLayers(point), edit, false).layers();
                    for (int i = 0; i < ffn.layers().size(); i++) {
                        int f = ffn.layers().get(i);
                        float[] before = cleanPoint.values().get(i);
                        float[] after = ffn.values().get(i);
                        if (f < layer) {
                            assertThat(after).containsExactly(before);
                        } else if (f == layer) {
                            assertOnlyUnitZeroed(before, after, info.ffnSize(), unit);
                        } else {
                            assertThat(after).isNotEqualTo(before);
                        }
                    }
                }
            }
        }
    }

    private static void assertOnlyUnitZeroed(float[] before, float[] after, int width, int unit) {
        for (int k = 0; k < before.length; k++) {
            if (k % width == unit) {
                assertThat(after[k]).as("edited unit at flat index %d", k).isZero();
            } else {
                assertThat(after[k]).as("other unit at flat index %d", k).isEqualTo(before[k]);
            }
        }
        assertThat(after).isNotEqualTo(before);
    }

    private static int[] range(int n) {
        int[] units = new int[n];
        for (int i = 0; i < n; i++) {
            units[i] = i;
        }
        return units;
    }
}
