package dev.probe.report;

import dev.probe.atlas.Census;
import java.util.Set;

/**
 * What a ranking report shows beside {@code ranking.json}: the training store's neuron census and which neurons have a
 * page of their own under {@code neurons/} ({@link RankAtlas}).
 *
 * @param census the census of the training store, or null
 * @param neuronPages neuron ids with a page {@code neurons/neuron-L-U.html}
 */
public record ReportExtras(Census census, Set<Integer> neuronPages) {
    /** Nothing beside the ranking. */
    public static final ReportExtras NONE = new ReportExtras(null, Set.of());

    /** Copies the set. */
    public ReportExtras {
        neuronPages = Set.copyOf(neuronPages);
    }
}
