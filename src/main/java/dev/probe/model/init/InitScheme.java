package dev.probe.model.init;

import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import java.util.Arrays;
import java.util.Locale;

/**
 * How an architecture's Hugging Face initializer ({@code _init_weights}, what {@code model.init_weights()} and
 * NeuroX's {@code random_weights=True} run) sets each parameter, by the parameter's base-model name, with
 * {@code initializer_range} from {@code config.json} (0.02 when absent):
 *
 * <ul>
 *   <li>every bias ({@code *.bias}: of Linear, Conv1D and LayerNorm modules) is 0; every LayerNorm and RMSNorm weight
 *       is 1;</li>
 *   <li>every other weight (Linear, GPT-2's Conv1D, Embedding; XLNet's relative-attention tensors {@code q k v o r},
 *       {@code r_w_bias r_r_bias r_s_bias seg_embed} and {@code mask_emb}) is drawn from N(0, initializer_range);</li>
 *   <li>the row {@code padding_idx} of an Embedding that has one is 0: BERT, ELECTRA and DistilBERT word embeddings
 *       ({@code pad_token_id}, default 0), RoBERTa-family word <em>and</em> position embeddings (default 1),
 *       LLaMA-family token embeddings ({@code pad_token_id}, none by default); GPT-2 and XLNet embeddings have
 *       none;</li>
 *   <li>GPT-2: the residual projections ({@code attn.c_proj.weight}, {@code mlp.c_proj.weight}) are drawn from
 *       N(0, initializer_range / sqrt(2 · n_layer)) (the GPT-2 paper's scaled initialisation);</li>
 *   <li>DistilBERT with {@code sinusoidal_pos_embds}: the position embeddings are the fixed sinusoids of
 *       {@code create_sinusoidal_embeddings}, not random.</li>
 * </ul>
 *
 * <p>A {@code pad_token_id} that is absent takes the architecture's default above; a negative or out-of-range one
 * means no padding row. Random numbers come from {@link SeededNormal}.
 */
public final class InitScheme {
    /** What one parameter is set to. */
    public sealed interface Rule permits Normal, Constant, Sinusoidal {
    }

    /**
     * Drawn from N(0, std²), then row {@code paddingRow} (if ≥ 0) set to 0.
     *
     * @param std the standard deviation
     * @param paddingRow the padding row of an Embedding, or -1
     */
    public record Normal(double std, long paddingRow) implements Rule {
    }

    /** Every element {@code value} (1 for norm weights, 0 for biases). */
    public record Constant(float value) implements Rule {
    }

    /** DistilBERT's fixed sinusoidal position table. */
    public record Sinusoidal() implements Rule {
    }

    private enum Family { BERT, ROBERTA, DISTILBERT, GPT2, LLAMA, XLNET }

    private final Family family;
    private final String initializer;
    private final double range;
    private final long wordPad;
    private final boolean sinusoidal;
    private final double residualStd;

    private InitScheme(Family family, String initializer, double range, long wordPad, boolean sinusoidal,
            double residualStd) {
        this.family = family;
        this.initializer = initializer;
        this.range = range;
        this.wordPad = wordPad;
        this.sinusoidal = sinusoidal;
        this.residualStd = residualStd;
    }

    /**
     * The scheme of a model's architecture.
     *
     * @throws ProbeException naming {@code config.json} when the architecture has no scheme here or a key is invalid
     */
    public static InitScheme of(ModelConfig config) throws ProbeException {
        String type = config.modelType();
        double range = config.optDouble("initializer_range", 0.02);
        if (!(range >= 0) || Double.isInfinite(range)) {
            throw new ProbeException(config.file(), "key 'initializer_range' must be a non-negative number, found "
                    + range);
        }
        return switch (type) {
            case "bert" -> new InitScheme(Family.BERT, "BertPreTrainedModel._init_weights", range,
                    config.optInt("pad_token_id", 0), false, 0);
            case "electra" -> new InitScheme(Family.BERT, "ElectraPreTrainedModel._init_weights", range,
                    config.optInt("pad_token_id", 0), false, 0);
            case "roberta", "xlm-roberta", "camembert" -> new InitScheme(Family.ROBERTA,
                    "RobertaPreTrainedModel._init_weights", range, config.optInt("pad_token_id", 1), false, 0);
            case "distilbert" -> new InitScheme(Family.DISTILBERT, "DistilBertPreTrainedModel._init_weights", range,
                    config.optInt("pad_token_id", 0), config.optBoolean("sinusoidal_pos_embds", false), 0);
            case "gpt2" -> new InitScheme(Family.GPT2, "GPT2PreTrainedModel._init_weights", range, -1, false,
                    range / Math.sqrt(2.0 * config.requireInt("n_layer")));
            case "llama", "mistral", "qwen2" -> new InitScheme(Family.LLAMA,
                    "LlamaPreTrainedModel._init_weights", range, config.optInt("pad_token_id", -1), false, 0);
            case "xlnet" -> new InitScheme(Family.XLNET, "XLNetPreTrainedModel._init_weights", range, -1, false, 0);
            default -> throw new ProbeException(config.file(), "random initialisation (--random-init, random_init)"
                    + " has no initializer for model_type '" + type + "'");
        };
    }

    /** The Hugging Face initializer this scheme follows, e.g. {@code BertPreTrainedModel._init_weights}. */
    public String initializer() {
        return initializer;
    }

    /** {@code initializer_range}. */
    public double initializerRange() {
        return range;
    }

    /** The rule for one parameter, by its base-model name (without {@code bert.}, {@code transformer.}, …). */
    public Rule rule(String name) {
        if (name.endsWith(".bias")) {
            return new Constant(0f);
        }
        if (isNormWeight(name)) {
            return new Constant(1f);
        }
        return switch (family) {
            case BERT -> name.equals("embeddings.word_embeddings.weight") ? new Normal(range, wordPad)
                    : new Normal(range, -1);
            case ROBERTA -> name.equals("embeddings.word_embeddings.weight")
                    || name.equals("embeddings.position_embeddings.weight") ? new Normal(range, wordPad)
                    : new Normal(range, -1);
            case DISTILBERT -> name.equals("embeddings.word_embeddings.weight") ? new Normal(range, wordPad)
                    : sinusoidal && name.equals("embeddings.position_embeddings.weight") ? new Sinusoidal()
                    : new Normal(range, -1);
            case GPT2 -> name.endsWith("c_proj.weight") ? new Normal(residualStd, -1) : new Normal(range, -1);
            case LLAMA -> name.equals("embed_tokens.weight") ? new Normal(range, wordPad) : new Normal(range, -1);
            case XLNET -> new Normal(range, -1);
        };
    }

    private boolean isNormWeight(String name) {
        if (!name.endsWith(".weight")) {
            return false;
        }
        String module = name.substring(0, name.length() - ".weight".length());
        String last = module.substring(module.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (family) {
            case GPT2 -> last.startsWith("ln_");
            case LLAMA -> last.endsWith("norm");
            default -> last.equals("layernorm") || last.endsWith("layer_norm");
        };
    }

    /**
     * The re-initialised values of one parameter.
     *
     * @param seed the {@code --random-init} seed
     * @param name the base-model name
     * @param shape its shape, as in the checkpoint
     */
    public float[] draw(long seed, String name, long[] shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        float[] data = new float[Math.toIntExact(count)];
        Rule rule = rule(name);
        if (rule instanceof Constant c) {
            Arrays.fill(data, c.value());
        } else if (rule instanceof Normal n) {
            SeededNormal random = new SeededNormal(seed, name);
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (n.std() * random.nextGaussian());
            }
            if (n.paddingRow() >= 0 && shape.length == 2 && n.paddingRow() < shape[0]) {
                int cols = (int) shape[1];
                Arrays.fill(data, (int) n.paddingRow() * cols, (int) (n.paddingRow() + 1) * cols, 0f);
            }
        } else if (shape.length == 2) {
            sinusoids(data, (int) shape[0], (int) shape[1]);
        } else {
            throw new IllegalArgumentException(name + ": sinusoidal positions need a matrix, found "
                    + Arrays.toString(shape));
        }
        return data;
    }

    /** {@code create_sinusoidal_embeddings}: even columns sin(pos / 10000^(2⌊j/2⌋/dim)), odd columns cos. */
    private static void sinusoids(float[] out, int positions, int dim) {
        for (int pos = 0; pos < positions; pos++) {
            for (int j = 0; j < dim; j++) {
                double angle = pos / StrictMath.pow(10000, 2.0 * (j / 2) / dim);
                out[pos * dim + j] = (float) (j % 2 == 0 ? StrictMath.sin(angle) : StrictMath.cos(angle));
            }
        }
    }
}
