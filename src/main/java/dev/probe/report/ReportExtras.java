package dev.probe.report;

import dev.probe.atlas.Census;
import dev.probe.intervene.InterventionReport;
import java.util.Set;

/**
 * What a ranking report shows beside {@code ranking.json}: the training store's neuron census, which neurons have a
 * page of their own under {@code neurons/} ({@link RankAtlas}), and the ablation of chosen sets inside the model
 * ({@code probe rank --ablate}).
 *
 * @param census the census of the training store, or null
 * @param neuronPages neuron ids with a page {@code neurons/neuron-L-U.html}
 * @param intervention the ablation written under {@code intervention/}, or null
 */
public record ReportExtras(Census census, Set<Integer> neuronPages, InterventionReport intervention) {
    /** Nothing beside the ranking. */
    public static final ReportExtras NONE = new ReportExtras(null, Set.of(), null);

    /** Copies the set. */
    public ReportExtras {
        neuronPages = Set.copyOf(neuronPages);
    }

    /** The census and neuron pages, without an ablation. */
    public ReportExtras(Census census, Set<Integer> neuronPages) {
        this(census, neuronPages, null);
    }

    /** The same with an ablation. */
    public ReportExtras withIntervention(InterventionReport report) {
        return new ReportExtras(census, neuronPages, report);
    }
}
