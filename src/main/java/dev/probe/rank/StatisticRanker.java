package dev.probe.rank;

import dev.probe.rank.stats.Anova;
import dev.probe.rank.stats.ClassStatistics;
import dev.probe.rank.stats.Detection;
import dev.probe.rank.stats.NeuronScores;
import dev.probe.rank.stats.Probeless;
import dev.probe.rank.stats.Selectivity;

/**
 * The rankers that read nothing but per-class sufficient statistics ({@link ClassStatistics}): {@code probeless},
 * {@code selectivity}, {@code iou}, {@code ap} and {@code anova}. They order by descending overall score, equal scores
 * by lower neuron id, so statistics merged from shards give the ordering of the whole store.
 */
public final class StatisticRanker implements Ranker {
    private final RankMethod method;

    /**
     * The ranker of a statistic method.
     *
     * @throws IllegalArgumentException for a method that is not a statistic one
     */
    public StatisticRanker(RankMethod method) {
        if (!method.usesStatistics() || method == RankMethod.GAUSSIAN) {
            throw new IllegalArgumentException(method + " is not a statistic ranking method");
        }
        this.method = method;
    }

    @Override
    public String name() {
        return method.id();
    }

    /** The method's scores. */
    public NeuronScores scores(ClassStatistics s) {
        if (method.usesHistograms() && !s.hasHistograms()) {
            throw new IllegalArgumentException(method + " needs statistics with histograms");
        }
        return switch (method) {
            case PROBELESS -> Probeless.of(s);
            case SELECTIVITY -> Selectivity.of(s);
            case IOU -> Detection.iou(s, Detection.DEFAULT_QUANTILE);
            case AP -> Detection.averagePrecision(s);
            case ANOVA -> Anova.of(s);
            default -> throw new IllegalStateException(method.id());
        };
    }

    /** The ordering of these statistics. */
    public Ordering rank(ClassStatistics s) {
        return Ordering.byScore(scores(s).overall());
    }

    @Override
    public Ordering rank(Input input) {
        if (input.classStatistics() == null) {
            throw new IllegalArgumentException(method + " needs the training split's class statistics");
        }
        return rank(input.classStatistics());
    }
}
