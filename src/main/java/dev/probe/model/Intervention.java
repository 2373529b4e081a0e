package dev.probe.model;

import dev.probe.io.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Neuron edits applied inside the forward pass, so later layers see the changed values.
 *
 * <p>{@code hidden} edits apply to hidden state {@code l} (0 = the embedding output, 1..L = block outputs; for models
 * whose last state is reported after a final norm, state L is edited after that norm) before the next block reads it.
 * {@code ffn} edits apply to block {@code l}'s FFN neurons (1..L, the post-activation input of the FFN output
 * projection) before that projection. Returned activations are the edited ones.
 *
 * @param hidden edits by hidden-state layer index
 * @param ffn edits by FFN layer index (1-based, as {@link ProbePoint#FFN} layers)
 */
public record Intervention(Map<Integer, NeuronEdit> hidden, Map<Integer, NeuronEdit> ffn) {
    /** No edit: the forward pass is the model's own. */
    public static final Intervention NONE = new Intervention(Map.of(), Map.of());

    public Intervention {
        hidden = Map.copyOf(new TreeMap<>(hidden));
        ffn = Map.copyOf(new TreeMap<>(ffn));
    }

    /** Edits at one point only. */
    public static Intervention at(ProbePoint point, Map<Integer, NeuronEdit> edits) {
        return point == ProbePoint.HIDDEN ? new Intervention(edits, Map.of()) : new Intervention(Map.of(), edits);
    }

    /** Whether no unit is edited. */
    public boolean isEmpty() {
        return hidden.values().stream().allMatch(e -> e.units().length == 0)
                && ffn.values().stream().allMatch(e -> e.units().length == 0);
    }

    /**
     * SHA-256 of the edits (points, layers, units, and the bits of every factor and offset): two interventions with
     * the same digest change the same forward pass in the same way.
     */
    public String sha256() {
        StringBuilder b = new StringBuilder();
        for (ProbePoint point : ProbePoint.values()) {
            for (Map.Entry<Integer, NeuronEdit> e : new TreeMap<>(at(point)).entrySet()) {
                NeuronEdit edit = e.getValue();
                b.append(point.id()).append(' ').append(e.getKey());
                for (int i = 0; i < edit.units().length; i++) {
                    b.append(' ').append(edit.units()[i]).append(':').append(Float.floatToIntBits(edit.scale()[i]))
                            .append(':').append(Float.floatToIntBits(edit.offset()[i]));
                }
                b.append('\n');
            }
        }
        return Hashes.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The edits at a point. */
    public Map<Integer, NeuronEdit> at(ProbePoint point) {
        return point == ProbePoint.HIDDEN ? hidden : ffn;
    }
}
