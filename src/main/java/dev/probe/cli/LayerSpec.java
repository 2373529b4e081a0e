package dev.probe.cli;

import dev.probe.ProbeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses {@code --layers}: {@code all}, or a comma-separated list of indices and ranges such as {@code 0,3-6}. */
final class LayerSpec {
    private LayerSpec() {
    }

    static List<Integer> parse(String text, List<Integer> available) throws ProbeException {
        if (text == null || text.isBlank() || "all".equalsIgnoreCase(text.trim())) {
            return available;
        }
        Set<Integer> layers = new LinkedHashSet<>(IntRanges.parse("--layers", text));
        for (int layer : layers) {
            if (!available.contains(layer)) {
                throw new ProbeException("--layers: layer " + layer + " does not exist; this model has layers "
                        + available.get(0) + ".." + available.get(available.size() - 1));
            }
        }
        if (layers.isEmpty()) {
            throw new ProbeException("--layers: no layer selected");
        }
        return new ArrayList<>(layers);
    }
}
