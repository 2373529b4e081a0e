package dev.probe.probe;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The splits of a probing task turned into {@link ProbeData}: classes indexed from training (or numeric targets), the
 * number of dev/test rows whose label training never saw, and the rows' tokens (for control tasks).
 *
 * @param inputs where the rows come from
 * @param labels the label index (classification), or null
 * @param data one entry per split, training first
 * @param unseen split name → rows with a label unseen in training
 */
public record PreparedSplits(ProbeInputs inputs, LabelIndex labels, List<ProbeData> data, Map<String, Integer> unseen) {

    /** The training split. */
    public ProbeData train() {
        return data.get(0);
    }

    /** The split of this name, or null. */
    public ProbeData get(String name) {
        return data.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Indexes labels (or parses numeric targets) and checks that training has something to learn.
     *
     * @throws ProbeException for a single-class training set or a non-numeric regression label
     */
    public static PreparedSplits of(ProbeInputs inputs, ProbeOptions options) throws ProbeException {
        ProbeInputs.Split train = inputs.splits().get(0);
        List<ProbeData> data = new ArrayList<>();
        Map<String, Integer> unseen = new LinkedHashMap<>();
        if (options.task() == ProbeOptions.Task.REGRESSION) {
            for (ProbeInputs.Split s : inputs.splits()) {
                data.add(new ProbeData(s.name(), s.store().matrix(), s.rows(), null, numbers(s)));
            }
            return new PreparedSplits(inputs, null, data, unseen);
        }
        LabelIndex labels = LabelIndex.fromTraining(train.labels(), options.minCount());
        if (labels.size() < 2) {
            throw new ProbeException(train.store().dir().resolve("tokens.tsv"), "the training set has a single class ("
                    + String.join(", ", labels.labels()) + "): nothing to learn");
        }
        for (ProbeInputs.Split s : inputs.splits()) {
            int[] classes = labels.encode(s.labels());
            int missing = 0;
            for (int c : classes) {
                missing += c == LabelIndex.UNSEEN ? 1 : 0;
            }
            if (!s.name().equals("train")) {
                unseen.put(s.name(), missing);
            }
            data.add(new ProbeData(s.name(), s.store().matrix(), s.rows(), classes, null));
        }
        return new PreparedSplits(inputs, labels, data, unseen);
    }

    /** The same splits with other class labels per row (control tasks), indexed from training. */
    public PreparedSplits relabel(List<List<String>> labelsPerSplit, int minCount) {
        LabelIndex index = LabelIndex.fromTraining(labelsPerSplit.get(0), minCount);
        List<ProbeData> relabelled = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            relabelled.add(data.get(i).withClasses(index.encode(labelsPerSplit.get(i))));
        }
        return new PreparedSplits(inputs, index, relabelled, Map.of());
    }

    private static float[] numbers(ProbeInputs.Split s) throws ProbeException {
        float[] out = new float[s.labels().size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Float.parseFloat(s.labels().get(i));
            } catch (NumberFormatException e) {
                Path tokens = s.store().dir().resolve("tokens.tsv");
                throw new ProbeException(tokens, s.rows()[i] + 2, "label '" + s.labels().get(i)
                        + "' is not a number (--task regression needs numeric labels)", null);
            }
            if (!Float.isFinite(out[i])) {
                throw new ProbeException(s.store().dir().resolve("tokens.tsv"), s.rows()[i] + 2,
                        "label '" + s.labels().get(i) + "' is not a finite number", null);
            }
        }
        return out;
    }
}
