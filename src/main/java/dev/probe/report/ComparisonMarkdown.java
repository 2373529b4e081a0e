package dev.probe.report;

import java.util.ArrayList;
import java.util.List;

/** The Markdown of a {@link Comparison}. */
final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    static String of(Comparison c) {
        StringBuilder b = new StringBuilder("# Comparison of ").append(c.rows().size()).append(c.rows().size() == 1
                ? " ranking" : " rankings").append("\n\n");
        b.append(rankings(c).markdown());
        for (Comparison.ModelOverlap m : c.models()) {
            b.append(minimalSets(m).markdown()).append(betweenClasses(m).markdown());
        }
        if (!c.problems().isEmpty()) {
            b.append("## Problems\n\n");
            c.problems().forEach(p -> b.append("- ").append(Fmt.md(p)).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    static Section rankings(Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row r : c.rows()) {
            rows.add(List.of(r.model(), r.task(), Fmt.acc(r.oracleDev()), Fmt.acc(r.oracleTest()),
                    Fmt.acc(r.selectivity()), Integer.toString(r.minimalSize()), Fmt.pct(r.minimalFraction()),
                    Fmt.acc(r.top10()), Fmt.acc(r.random10()), Fmt.acc(r.bottom10()),
                    Fmt.fixed(r.entropy(), 2) + " / " + Fmt.fixed(r.maxEntropy(), 2),
                    Fmt.pct(r.bottomThird()) + " / " + Fmt.pct(r.middleThird()) + " / " + Fmt.pct(r.topThird()),
                    r.peakLayer() < 0 ? Fmt.MISSING : r.peakLayer() + " (" + r.peakCount() + ")"));
        }
        return new Section("Rankings", List.of("Accuracies are dev accuracies in [0, 1] (oracle test too); – marks a "
                + "value that was not measured. Top / random / bottom 10 %: a probe retrained on that set. Layers: "
                + "entropy of the minimal set over the layers (bits, of at most log2 layers), its share in the bottom / "
                + "middle / top third of the layers, and the layer with the most of its neurons (count)."),
                new Table(List.of("model", "task", "oracle dev", "oracle test", "selectivity", "minimal set",
                        "minimal %", "top 10 %", "random 10 %", "bottom 10 %", "layer entropy",
                        "bottom / middle / top", "peak layer"), "llrrrrrrrrrll", rows));
    }

    static Section minimalSets(Comparison.ModelOverlap m) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.TaskPair p : m.minimalSets()) {
            rows.add(List.of(p.taskA(), p.taskB(), Integer.toString(p.common()), Fmt.fixed(p.jaccard(), 3)));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Jaccard overlap |A ∩ B| / |A ∪ B| of the minimal neuron sets of each pair of tasks (– when the two "
                + "rankings read different layers, widths or probe points).");
        if (rows.isEmpty()) {
            notes.add("Only one task for this model: no pair to compare.");
        }
        return new Section(m.model() + ": minimal sets between tasks", notes, rows.isEmpty() ? null
                : new Table(List.of("task A", "task B", "common neurons", "Jaccard"), "llrr", rows));
    }

    static Section betweenClasses(Comparison.ModelOverlap m) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.ClassOverlap o : m.betweenClasses()) {
            rows.add(List.of(o.task(), Integer.toString(o.classes()), Fmt.fixed(o.meanJaccard(), 3)));
        }
        return new Section(m.model() + ": top neurons between classes", List.of("Mean Jaccard overlap of the top-neuron "
                + "sets of every pair of classes of a task (0 = each class has its own neurons)."),
                new Table(List.of("task", "classes", "mean pairwise Jaccard"), "lrr", rows));
    }
}
