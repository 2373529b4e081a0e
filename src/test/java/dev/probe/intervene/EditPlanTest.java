package dev.probe.intervene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.model.Intervention;
import dev.probe.model.NeuronEdit;
import dev.probe.model.ProbePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Neuron ids of stores holding layers 2 and 4, 4 neurons each, turned into model edits. */
class EditPlanTest {
    private static final List<Integer> LAYERS = List.of(2, 4);
    private static final NeuronMeans MEANS = new NeuronMeans(new double[] {.5, 1, 1.5, 2, 2.5, 3, 3.5, 4},
            new double[] {0, 0, 0, 0, 1, 1, 1, 1}, new double[] {2, 2, 2, 2, -1, -1, -1, -1}, 10, 20);

    @Test
    void zeroGroupsUnitsByModelLayer() {
        Intervention edits = new EditPlan(ProbePoint.FFN, LAYERS, 4, EditMode.ZERO, 0, null).edits(new int[] {6, 1, 3});
        assertThat(edits.hidden()).isEmpty();
        assertThat(edits.ffn()).containsOnlyKeys(2, 4);
        assertThat(edits.ffn().get(2)).isEqualTo(NeuronEdit.zero(new int[] {1, 3}));
        assertThat(edits.ffn().get(4)).isEqualTo(NeuronEdit.zero(new int[] {2}));
    }

    @Test
    void meanSetsTheTrainingMean() {
        Intervention edits = new EditPlan(ProbePoint.HIDDEN, LAYERS, 4, EditMode.MEAN, 0, MEANS).edits(new int[] {0, 5});
        assertThat(edits.hidden().get(2)).isEqualTo(NeuronEdit.set(new int[] {0}, new float[] {.5f}));
        assertThat(edits.hidden().get(4)).isEqualTo(NeuronEdit.set(new int[] {1}, new float[] {3f}));
    }

    @Test
    void shiftTranslatesByBetaTimesTheDifferenceOfClassMeans() {
        Intervention edits = new EditPlan(ProbePoint.HIDDEN, LAYERS, 4, EditMode.SHIFT, 0.5, MEANS)
                .edits(new int[] {1, 7});
        assertThat(edits.hidden().get(2)).isEqualTo(NeuronEdit.shift(new int[] {1}, new float[] {1f}));
        assertThat(edits.hidden().get(4)).isEqualTo(NeuronEdit.shift(new int[] {3}, new float[] {-1f}));
    }

    @Test
    void shiftWithBetaZeroChangesNothing() {
        Intervention edits = new EditPlan(ProbePoint.HIDDEN, LAYERS, 4, EditMode.SHIFT, 0, MEANS)
                .edits(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        for (NeuronEdit edit : edits.hidden().values()) {
            for (int i = 0; i < edit.units().length; i++) {
                assertThat(edit.scale()[i]).isEqualTo(1f);
                assertThat(edit.offset()[i] == 0f).isTrue(); // x·1 + (±0) = x
            }
        }
    }
}
