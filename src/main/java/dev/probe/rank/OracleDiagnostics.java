package dev.probe.rank;

import dev.probe.probe.ClassificationMetrics;
import dev.probe.probe.Metrics;
import dev.probe.probe.ProbeReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a reader needs to judge the oracle probe beside its accuracy: the baselines it must beat (majority class,
 * control task) and where it fails (per-class F1 and the most frequent confusions, on dev). Accuracies are fractions in
 * [0, 1]; a missing one is NaN, written as null.
 *
 * @param majority the majority-class baseline
 * @param controlDev dev accuracy of the same probe trained on control-task labels, or NaN without a control task
 * @param controlTest its test accuracy, or NaN
 * @param split the split the per-class scores and confusions come from ("dev")
 * @param classes per class, in class-id order
 * @param confusions the most frequent errors, most frequent first
 */
public record OracleDiagnostics(LayerTable.Majority majority, double controlDev, double controlTest, String split,
        List<ClassScore> classes, List<Confusion> confusions) {
    /** Confusions kept. */
    public static final int CONFUSIONS = 15;

    /** Copies the lists. */
    public OracleDiagnostics {
        classes = classes == null ? List.of() : List.copyOf(classes);
        confusions = confusions == null ? List.of() : List.copyOf(confusions);
    }

    /**
     * One class on the split.
     *
     * @param label the class
     * @param precision correct / predicted
     * @param recall correct / support
     * @param f1 their harmonic mean
     * @param support the split's rows of this class
     */
    public record ClassScore(String label, double precision, double recall, double f1, int support) {
    }

    /**
     * One kind of error.
     *
     * @param gold the true class
     * @param predicted the class predicted instead
     * @param count how many rows
     * @param share count / the true class's support
     */
    public record Confusion(String gold, String predicted, int count, double share) {
    }

    /**
     * The diagnostics of an oracle from its metrics per split and its control task.
     *
     * @param majority the majority-class baseline
     * @param metrics split name → the oracle's metrics; classification metrics of "dev" give the per-class scores
     * @param control the control task, or null
     * @param labels class labels in class-id order (the confusion matrix's order)
     */
    static OracleDiagnostics of(LayerTable.Majority majority, Map<String, Metrics> metrics, ProbeReport.Control control,
            List<String> labels) {
        double controlDev = accuracy(control, "dev");
        double controlTest = accuracy(control, "test");
        if (!(metrics.get("dev") instanceof ClassificationMetrics dev)) {
            return new OracleDiagnostics(majority, controlDev, controlTest, "dev", List.of(), List.of());
        }
        List<ClassScore> classes = new ArrayList<>();
        dev.perClass().forEach((label, s) -> classes.add(new ClassScore(label, s.precision(), s.recall(), s.f1(),
                s.support())));
        List<Confusion> confusions = new ArrayList<>();
        int[][] m = dev.confusion();
        for (int g = 0; g < Math.min(m.length, labels.size()); g++) {
            long support = 0;
            for (int v : m[g]) {
                support += v;
            }
            for (int p = 0; p < m[g].length; p++) {
                if (p != g && m[g][p] > 0) {
                    confusions.add(new Confusion(labels.get(g), labels.get(p), m[g][p], (double) m[g][p] / support));
                }
            }
        }
        confusions.sort(Comparator.comparingInt(Confusion::count).reversed().thenComparing(Confusion::gold)
                .thenComparing(Confusion::predicted));
        return new OracleDiagnostics(majority, controlDev, controlTest, "dev", classes,
                confusions.subList(0, Math.min(CONFUSIONS, confusions.size())));
    }

    private static double accuracy(ProbeReport.Control control, String split) {
        if (control == null || control.metrics() == null || control.metrics().get(split) == null) {
            return Double.NaN;
        }
        return control.metrics().get(split).accuracy();
    }
}
