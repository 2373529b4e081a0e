package dev.probe.report;

import dev.probe.probe.solver.Convergence;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's account of how every trained probe's optimisation ended: a probe that stopped before the optimality
 * threshold is listed here and its accuracies are marked with {@link #MARK} wherever they appear.
 */
final class ConvergenceSection {
    /** Marks an accuracy whose probe did not converge. */
    static final String MARK = " †";

    private ConvergenceSection() {
    }

    /** The section: a summary line, and a table of the probes that did not converge (if any). */
    static Section of(RankingResult r) {
        List<Named> all = probes(r);
        List<List<String>> rows = new ArrayList<>();
        double threshold = Double.NaN;
        for (Named n : all) {
            Convergence c = n.convergence();
            threshold = c.threshold();
            if (!c.converged()) {
                rows.add(List.of(n.name(), c.solver(), c.stop(), Integer.toString(c.iterations()), Fmt.num(c.value()),
                        Fmt.num(c.threshold())));
            }
        }
        List<String> notes = new ArrayList<>();
        if (all.isEmpty()) {
            notes.add("No probe was trained here (the oracle was given).");
        } else if (rows.isEmpty()) {
            notes.add("All " + all.size() + " trained probes reached the optimality threshold ("
                    + dev.probe.probe.solver.L1Minimizer.CRITERION + " ≤ " + Fmt.num(threshold) + "): their accuracies are those of the"
                    + " optimum, not of an optimiser setting.");
        } else {
            notes.add("⚠ " + rows.size() + " of " + all.size() + " trained probes stopped before the optimality"
                    + " threshold; their accuracies are marked" + MARK + " and may change with more iterations"
                    + " (--max-iterations) or other optimiser settings.");
        }
        return new Section("Probe convergence", notes, rows.isEmpty() ? null : new Table(List.of("probe", "solver",
                "stopped", "iterations", "criterion", "threshold"), "llrrrr", rows));
    }

    /** {@link #MARK} when the point's probe was trained and did not converge, else "". */
    static String mark(RankingResult.Point p) {
        return p != null && p.convergence() != null && !p.convergence().converged() ? MARK : "";
    }

    /** The point's solver iterations, or – for an ablation. */
    static String iterations(RankingResult.Point p) {
        return p.convergence() == null ? Fmt.MISSING : p.convergence().iterations() + mark(p);
    }

    private record Named(String name, Convergence convergence) {
    }

    private static List<Named> probes(RankingResult r) {
        List<Named> out = new ArrayList<>();
        if (r.oracle() != null) {
            add(out, "oracle", r.oracle().convergence());
            add(out, "control task", r.oracle().controlConvergence());
        }
        if (r.search() != null) {
            r.search().forEach(p -> add(out, "search: " + p.size() + " neurons", p.convergence()));
        }
        if (r.keep() != null) {
            r.keep().forEach(k -> add(out, k.kind() + " " + k.percent() + " % retrained", k.retrained() == null ? null
                    : k.retrained().convergence()));
        }
        if (r.grid() != null && r.grid().rows() != null) {
            r.grid().rows().forEach(g -> add(out, "grid λ1 = " + Fmt.num(g.l1()) + ", λ2 = " + Fmt.num(g.l2()),
                    g.convergence()));
        }
        return out;
    }

    private static void add(List<Named> out, String name, Convergence c) {
        if (c != null) {
            out.add(new Named(name, c));
        }
    }
}
