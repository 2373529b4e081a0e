package dev.probe.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the smallest prefix of the neuron ordering whose retrained probe keeps the dev accuracy within δ of the
 * oracle: the prefix sizes of a schedule (fractions of all neurons) are tried in increasing order until one is good
 * enough, then the size is bisected between the last failing and the first passing point (assuming accuracy grows
 * with the prefix) down to a step of 0.5 % of the neurons or one neuron, whichever is larger.
 */
final class MinimalSetSearch {
    /** The default schedule: fractions of all neurons. */
    static final double[] SCHEDULE = {0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.10, 0.15, 0.20, 0.30, 0.50};

    private MinimalSetSearch() {
    }

    /**
     * The search's outcome.
     *
     * @param best the minimal set's point (size, accuracies)
     * @param tried every point trained, by size
     */
    record Outcome(RankingResult.Point best, List<RankingResult.Point> tried) {
    }

    /**
     * Runs the search.
     *
     * @param ordering neuron ids, best first
     * @param oracle the all-neuron probe's point
     * @param delta allowed drop, as a fraction (0.01 = one accuracy point)
     * @param schedule fractions of all neurons to try first, increasing
     * @param scorer trains and scores the probe on each prefix tried
     * @return the oracle itself when no scheduled prefix passes
     */
    static Outcome run(int[] ordering, RankingResult.Point oracle, double delta, double[] schedule, SubsetScorer scorer)
            throws dev.probe.ProbeException {
        int n = ordering.length;
        double target = oracle.dev() - delta;
        List<RankingResult.Point> tried = new ArrayList<>();
        int lo = 0;
        RankingResult.Point pass = null;
        int previous = 0;
        for (double f : schedule) {
            int k = Math.max(1, (int) Math.round(f * n));
            if (k <= previous || k >= n) {
                continue;
            }
            RankingResult.Point p = scorer.retrained(Arrays.copyOf(ordering, k));
            tried.add(p);
            if (p.dev() >= target) {
                pass = p;
                break;
            }
            lo = k;
            previous = k;
        }
        if (pass == null) {
            return new Outcome(oracle, sorted(tried, oracle));
        }
        int step = Math.max(1, (int) Math.round(0.005 * n));
        while (pass.size() - lo > step) {
            int mid = (lo + pass.size()) / 2;
            RankingResult.Point p = scorer.retrained(Arrays.copyOf(ordering, mid));
            tried.add(p);
            if (p.dev() >= target) {
                pass = p;
            } else {
                lo = mid;
            }
        }
        return new Outcome(pass, sorted(tried, null));
    }

    private static List<RankingResult.Point> sorted(List<RankingResult.Point> points, RankingResult.Point extra) {
        List<RankingResult.Point> all = new ArrayList<>(points);
        if (extra != null) {
            all.add(extra);
        }
        all.sort(Comparator.comparingInt(RankingResult.Point::size));
        return all;
    }
}
