package dev.probe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Control tasks (Hewitt and Liang 2019): one random label per word type, drawn from the training distribution. */
class ControlTaskTest {

    @Test
    void everyOccurrenceOfATypeGetsTheSameLabelInEverySplit() {
        List<String> train = List.of("the", "dog", "barks", "the", "cat", "sleeps", "the", "dog");
        List<String> dev = List.of("a", "dog", "sleeps", "the", "bird");
        List<String> trainLabels = List.of("DET", "NOUN", "VERB", "DET", "NOUN", "VERB", "DET", "NOUN");
        List<String> all = new ArrayList<>(train);
        all.addAll(dev);
        Map<String, String> assignment = ControlTask.assign(trainLabels, all, 42);
        // one label per type, types of every split included ("a" and "bird" occur only in dev)
        assertThat(assignment).containsOnlyKeys("the", "dog", "barks", "cat", "sleeps", "a", "bird");
        assertThat(assignment.values()).allMatch(List.of("DET", "NOUN", "VERB")::contains);
        List<String> trainControl = ControlTask.relabel(train, assignment);
        List<String> devControl = ControlTask.relabel(dev, assignment);
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            assertThat(seen.merge(train.get(i), trainControl.get(i), (a, b) -> a)).isEqualTo(trainControl.get(i));
        }
        for (int i = 0; i < dev.size(); i++) {
            String before = seen.get(dev.get(i));
            if (before != null) {
                assertThat(devControl.get(i)).as(dev.get(i)).isEqualTo(before);
            }
        }
    }

    /**
     * With 70 / 20 / 10 % training labels and 20,000 types, the share of types per control label is a binomial
     * proportion with standard deviation at most √(0.25 / 20,000) ≈ 0.0035; a tolerance of 0.02 is more than 5σ.
     */
    @Test
    void labelDistributionFollowsTraining() {
        List<String> trainLabels = new ArrayList<>();
        trainLabels.addAll(Collections.nCopies(70, "NOUN"));
        trainLabels.addAll(Collections.nCopies(20, "VERB"));
        trainLabels.addAll(Collections.nCopies(10, "ADJ"));
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            types.add("t" + i);
        }
        Map<String, String> assignment = ControlTask.assign(trainLabels, types, 7);
        Map<String, Integer> counts = new HashMap<>();
        assignment.values().forEach(l -> counts.merge(l, 1, Integer::sum));
        assertThat(counts).containsOnlyKeys("NOUN", "VERB", "ADJ");
        assertThat(counts.get("NOUN") / 20_000.0).isCloseTo(0.7, within(0.02));
        assertThat(counts.get("VERB") / 20_000.0).isCloseTo(0.2, within(0.02));
        assertThat(counts.get("ADJ") / 20_000.0).isCloseTo(0.1, within(0.02));
    }

    @Test
    void deterministicPerSeedWhateverTheOrderOfTypes() {
        List<String> trainLabels = List.of("X", "Y", "Y", "Z");
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            types.add("w" + i);
        }
        List<String> shuffled = new ArrayList<>(types);
        Collections.shuffle(shuffled, new java.util.Random(3));
        shuffled.addAll(types.subList(0, 50)); // repeated types change nothing
        Map<String, String> a = ControlTask.assign(trainLabels, types, 11);
        assertThat(ControlTask.assign(trainLabels, types, 11)).isEqualTo(a);
        assertThat(ControlTask.assign(trainLabels, shuffled, 11)).isEqualTo(a);
        assertThat(ControlTask.assign(trainLabels, types, 12)).isNotEqualTo(a);
        // the order of the training labels does not matter either: only their counts do
        assertThat(ControlTask.assign(List.of("Z", "Y", "X", "Y"), types, 11)).isEqualTo(a);
    }
}
