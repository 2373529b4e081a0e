package dev.probe.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of a classification probe on one split. Rows whose label was unseen in training count as errors.
 *
 * @param size rows scored
 * @param unseen rows whose label training never saw
 * @param accuracy fraction correct, in [0, 1]
 * @param macroF1 mean F1 over the classes that occur in the truth or the predictions
 * @param mcc Matthews correlation coefficient, multiclass (Gorodkin 2004)
 * @param perClass precision, recall, F1 and support per class label
 * @param confusion counts {@code [true class][predicted class]}; a last row holds unseen labels when there are any
 */
public record ClassificationMetrics(int size, int unseen, double accuracy, double macroF1, double mcc,
        Map<String, ClassScore> perClass, int[][] confusion) implements Metrics {

    /**
     * One class's scores.
     *
     * @param precision correct / predicted
     * @param recall correct / support
     * @param f1 harmonic mean of precision and recall
     * @param support rows of this class
     */
    public record ClassScore(double precision, double recall, double f1, int support) {
    }

    /**
     * Computes the scores.
     *
     * @param truth class ids ({@link LabelIndex#UNSEEN} allowed)
     * @param predicted predicted class ids
     * @param labels class names
     */
    public static ClassificationMetrics of(int[] truth, int[] predicted, List<String> labels) {
        int k = labels.size();
        int unseen = 0;
        for (int t : truth) {
            if (t < 0) {
                unseen++;
            }
        }
        int[][] confusion = new int[k + (unseen > 0 ? 1 : 0)][k];
        long correct = 0;
        long[] trueCount = new long[k + 1];
        long[] predCount = new long[k + 1];
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i] < 0 ? k : truth[i];
            confusion[t][predicted[i]]++;
            trueCount[t]++;
            predCount[predicted[i]]++;
            if (t == predicted[i]) {
                correct++;
            }
        }
        Map<String, ClassScore> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        int f1Classes = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            double precision = predCount[c] == 0 ? 0 : (double) tp / predCount[c];
            double recall = trueCount[c] == 0 ? 0 : (double) tp / trueCount[c];
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(labels.get(c), new ClassScore(precision, recall, f1, (int) trueCount[c]));
            if (trueCount[c] > 0 || predCount[c] > 0) {
                f1Sum += f1;
                f1Classes++;
            }
        }
        double s = truth.length;
        double sumPT = 0;
        double sumP2 = 0;
        double sumT2 = 0;
        for (int c = 0; c <= k; c++) {
            sumPT += (double) predCount[c] * trueCount[c];
            sumP2 += (double) predCount[c] * predCount[c];
            sumT2 += (double) trueCount[c] * trueCount[c];
        }
        double denominator = Math.sqrt((s * s - sumP2) * (s * s - sumT2));
        double mcc = denominator == 0 ? 0 : (correct * s - sumPT) / denominator;
        double accuracy = truth.length == 0 ? 0 : correct / s;
        return new ClassificationMetrics(truth.length, unseen, accuracy, f1Classes == 0 ? 0 : f1Sum / f1Classes, mcc,
                perClass, confusion);
    }
}
