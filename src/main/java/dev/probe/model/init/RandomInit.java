package dev.probe.model.init;

import dev.probe.io.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code --random-init} did to a model, as a store's manifest records it under {@code model.random_init}: the
 * shapes, config and tokenizer are the checkpoint's, every weight was re-initialised.
 *
 * @param seed the {@code --random-init} seed
 * @param scheme the Hugging Face initializer followed, e.g. {@code BertPreTrainedModel._init_weights}
 * @param initializerRange the standard deviation of the normal draws ({@code initializer_range})
 * @param prng how the numbers were drawn ({@link SeededNormal#DESCRIPTION})
 * @param checkpointSha256 digest of the checkpoint whose tensor names and shapes were kept
 *     ({@link dev.probe.model.ModelRepository#weightsSha256}: the SHA-256 of the file when there is one)
 */
public record RandomInit(long seed, String scheme, double initializerRange, String prng, String checkpointSha256) {
    /** Requires the scheme, PRNG and checkpoint digest. */
    public RandomInit {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(prng, "prng");
        Objects.requireNonNull(checkpointSha256, "checkpointSha256");
    }

    /** The record of re-initialising the checkpoint with this digest under {@code scheme} and {@code seed}. */
    public static RandomInit of(long seed, InitScheme scheme, String checkpointSha256) {
        return new RandomInit(seed, scheme.initializer(), scheme.initializerRange(), SeededNormal.DESCRIPTION,
                checkpointSha256);
    }

    /**
     * The identity of the re-initialised weights, recorded as the store's {@code model.weights_sha256} in place of the
     * checkpoint's digest: the SHA-256 of a text naming every input the weights are a function of (scheme, range,
     * PRNG, seed and the checkpoint's digest). It differs from every real checkpoint's digest and between seeds, so
     * no check that compares weights digests can take a random twin for its real model.
     */
    public String weightsSha256() {
        String recipe = String.format(Locale.ROOT, "probe random-init%nscheme %s%ninitializer_range %s%nprng %s%n"
                + "seed %d%ncheckpoint %s%n", scheme, Double.toString(initializerRange), prng, seed, checkpointSha256);
        return Hashes.sha256(recipe.getBytes(StandardCharsets.UTF_8));
    }
}
