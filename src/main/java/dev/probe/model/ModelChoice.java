package dev.probe.model;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which model to run and how: an alias, a Hugging Face folder or a TorchScript file, with its tokenizer, the longest
 * forward pass and the number of parallel passes.
 *
 * @param spec an alias of an embedded model ({@code minilm}, …), a Hugging Face folder, or a TorchScript file
 * @param tokenizer the {@code tokenizer.json} to use, or null for the model folder's (required for TorchScript)
 * @param maxTokens the longest sequence per forward pass, special tokens included, or null for the model's maximum
 * @param threads parallel forward passes, each on one PyTorch thread, or null for one per core
 * @param randomInit re-initialise the weights as the architecture's Hugging Face initializer does, drawing with this
 *     seed ({@code --random-init}; {@link dev.probe.model.init.InitScheme}), or null for the checkpoint's weights
 */
public record ModelChoice(String spec, Path tokenizer, Integer maxTokens, Integer threads, Long randomInit) {
    /** The most parallel passes. */
    public static final int MAX_THREADS = 1024;
    /** The longest sequence per forward pass. */
    public static final int MAX_TOKENS = 1 << 20;

    /** Checks the ranges. */
    public ModelChoice {
        if (Objects.requireNonNull(spec, "spec").isBlank()) {
            throw new InvalidRequest("model", "is empty");
        }
        if (threads != null) {
            InvalidRequest.check("threads", threads, 1, MAX_THREADS);
        }
        if (maxTokens != null) {
            InvalidRequest.check("maxTokens", maxTokens, 1, MAX_TOKENS);
        }
    }

    /** A model with its checkpoint's weights. */
    public ModelChoice(String spec, Path tokenizer, Integer maxTokens, Integer threads) {
        this(spec, tokenizer, maxTokens, threads, null);
    }

    /** The default model, on every core. */
    public static ModelChoice of(String spec) {
        return new ModelChoice(spec, null, null, null, null);
    }

    /** This model with its weights re-initialised with {@code seed}, or with the checkpoint's when null. */
    public ModelChoice withRandomInit(Long seed) {
        return new ModelChoice(spec, tokenizer, maxTokens, threads, seed);
    }

    /** The model folder or file and the tokenizer, when given as paths: inputs an output must not replace. */
    public List<Path> inputPaths() {
        List<Path> paths = new ArrayList<>();
        if (ModelRepository.alias(spec).isEmpty()) {
            paths.add(Path.of(spec));
        }
        if (tokenizer != null) {
            paths.add(tokenizer);
        }
        return paths;
    }

    /** Loads the model, each forward pass on one PyTorch thread. */
    public LoadedModel load(ModelRepository repository) throws ProbeException {
        // parallel passes on one PyTorch thread each beat one pass on many threads: measured in docs/benchmarks.md
        Threads.configure(1);
        return new ModelLoader(repository).load(spec, tokenizer, maxTokens == null ? 512 : maxTokens, randomInit);
    }

    /** How many forward passes run at once. */
    public int workers() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The window length: {@code maxTokens} when given (checked against the model), else the model's maximum. */
    public int windowTokens(LoadedModel loaded) {
        int modelMax = loaded.transformer().info().maxTokens();
        if (maxTokens == null) {
            return modelMax;
        }
        int specials = loaded.tokenizer().template().specials();
        if (maxTokens <= specials || maxTokens > modelMax) {
            throw new InvalidRequest("maxTokens", "must be between " + (specials + 1) + " and " + modelMax
                    + " for this model, found " + maxTokens);
        }
        return maxTokens;
    }
}
