package dev.probe.cli;

import dev.probe.probe.ClassificationMetrics;
import dev.probe.probe.Metrics;
import dev.probe.probe.ProbeReport;
import dev.probe.probe.RegressionMetrics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The short human table of probe metrics printed by {@code train} and {@code eval}. */
final class MetricsTable {
    private MetricsTable() {
    }

    static void print(PrintWriter w, Map<String, Metrics> metrics, ProbeReport.Control control) {
        boolean regression = metrics.values().stream().anyMatch(RegressionMetrics.class::isInstance);
        if (regression) {
            w.println("split\trows\tpearson\tspearman\tr2\tmse");
        } else {
            w.println("split\trows\taccuracy\tmacro_f1\tmcc\tunseen" + (control == null ? "" : "\tcontrol\tselectivity"));
        }
        metrics.forEach((split, m) -> {
            if (m instanceof RegressionMetrics r) {
                w.printf(Locale.ROOT, "%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f%n", split, r.size(), r.pearson(), r.spearman(),
                        r.r2(), r.mse());
            } else if (m instanceof ClassificationMetrics c) {
                w.printf(Locale.ROOT, "%s\t%d\t%.4f\t%.4f\t%.4f\t%d", split, c.size(), c.accuracy(), c.macroF1(),
                        c.mcc(), c.unseen());
                if (control != null) {
                    w.printf(Locale.ROOT, "\t%.4f\t%.4f", control.metrics().get(split).accuracy(),
                            control.selectivity().get(split));
                }
                w.println();
            }
        });
    }
}
