package dev.probe.atlas;

import dev.probe.InvalidRequest;
import dev.probe.activations.store.StoreManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A neuron named as on the command line: {@code L:U}, unit {@code U} of layer {@code L} as the store's manifest
 * records the layer (not its position among the store's layers).
 *
 * @param layer the layer index, as in {@link StoreManifest#layers()}
 * @param unit the unit within the layer, in {@code [0, width)}
 */
public record NeuronId(int layer, int unit) {
    private static final Pattern SPEC = Pattern.compile("[Ll]?(\\d{1,9}):(\\d{1,9})");

    /** Checks that both indices are non-negative. */
    public NeuronId {
        if (layer < 0 || unit < 0) {
            throw new InvalidRequest("neuron", "layer and unit must be non-negative, found " + layer + ":" + unit);
        }
    }

    /**
     * Parses {@code L:U} (an optional leading {@code L}, as in the names other outputs print, is accepted).
     *
     * @throws InvalidRequest (field {@code neuron}) naming the text when it is not of that form
     */
    public static NeuronId parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.strip());
        if (!m.matches()) {
            throw new InvalidRequest("neuron", "expected LAYER:UNIT such as 6:17, found \"" + spec + "\"");
        }
        return new NeuronId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Parses a comma-separated list of {@code L:U}, each kept once, in the order given. */
    public static List<NeuronId> parseList(String specs) {
        List<NeuronId> ids = new ArrayList<>();
        for (String spec : (specs == null ? "" : specs).split(",", -1)) {
            NeuronId id = parse(spec);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The store's matrix column of this neuron.
     *
     * @throws InvalidRequest (field {@code neuron}) when the layer is not in the store or the unit is past its width
     */
    public int column(StoreManifest m) {
        int position = m.layers().indexOf(layer);
        if (position < 0) {
            throw new InvalidRequest("neuron", name() + ": layer " + layer + " is not in the store, which holds layers "
                    + m.layers());
        }
        if (unit >= m.width()) {
            throw new InvalidRequest("neuron", name() + ": unit " + unit + " is out of range; layers have "
                    + m.width() + " units (0.." + (m.width() - 1) + ")");
        }
        return m.neuronId(position, unit);
    }

    /** {@code "L:U"}. */
    public String name() {
        return layer + ":" + unit;
    }

    /** The file-name stem {@code neuron-L-U}. */
    public String fileStem() {
        return "neuron-" + layer + "-" + unit;
    }

    @Override
    public String toString() {
        return name();
    }
}
