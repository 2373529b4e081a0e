package dev.probe.model;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ranges of the {@code config.json} values the architectures read: sizes, counts and lengths must be positive and
 * at most {@value #MAX_SIZE}, windows non-negative, RoPE bases positive and every other number finite (epsilons are
 * checked by {@link ModelConfig#optEpsilon}). Checked as each value is read ({@link ModelConfig}), so
 * {@code "num_attention_heads": 0} or {@code "num_hidden_layers": -1} ends with one line naming the file and key
 * instead of a division by zero or a negative array size.
 */
final class ConfigRanges {
    /** The largest size or count accepted (2^24). */
    static final int MAX_SIZE = 1 << 24;

    private static final Set<String> POSITIVE = Set.of("hidden_size", "num_hidden_layers", "num_attention_heads",
            "intermediate_size", "vocab_size", "max_position_embeddings", "type_vocab_size", "num_key_value_heads",
            "head_dim", "embedding_size", "n_embd", "n_layer", "n_head", "n_inner", "n_positions", "n_ctx", "d_model",
            "d_head", "d_inner", "n_layers", "n_heads", "dim", "hidden_dim");
    private static final Set<String> NON_NEGATIVE = Set.of("sliding_window");
    private static final Map<String, double[]> REAL = Map.of("rope_theta", new double[] {0, 1e12});
    /** Checked by {@link ModelConfig#optEpsilon} instead. */
    private static final Set<String> EPSILONS = Set.of("layer_norm_eps", "rms_norm_eps", "layer_norm_epsilon");

    private ConfigRanges() {
    }

    /** Returns {@code value} when it is in range for {@code key}, else fails naming both. */
    static int checkInt(Path file, String key, int value) throws ProbeException {
        if (POSITIVE.contains(key) && (value < 1 || value > MAX_SIZE)) {
            throw new ProbeException(file, String.format(Locale.ROOT, "key '%s' must be between 1 and %d, found %d",
                    key, MAX_SIZE, value));
        }
        if (NON_NEGATIVE.contains(key) && value < 0) {
            throw new ProbeException(file, "key '" + key + "' must not be negative, found " + value);
        }
        return value;
    }

    /** Returns {@code value} when it is finite and in range for {@code key}, else fails naming both. */
    static double checkDouble(Path file, String key, double value) throws ProbeException {
        if (EPSILONS.contains(key)) {
            return value;
        }
        double[] range = REAL.get(key);
        if (!Double.isFinite(value) || range != null && !(value > range[0] && value < range[1])) {
            throw new ProbeException(file, String.format(Locale.ROOT, "key '%s' must be %s, found %s", key,
                    range == null ? "a finite number" : "above " + range[0] + " and below " + range[1], value));
        }
        return value;
    }
}
