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
 * @param edits edits applied inside every forward pass ({@code --intervene}), or null for none
 */
public record ModelChoice(String spec, Path tokenizer, Integer maxTokens, Integer threads, Long randomInit,
        ModelEdits edits) {
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
        this(spec, tokenizer, maxTokens, threads, null, null);
    }

    /** A model, its weights re-initialised when {@code randomInit} is a seed, run unedited. */
    public ModelChoice(String spec, Path tokenizer, Integer maxTokens, Integer threads, Long randomInit) {
        this(spec, tokenizer, maxTokens, threads, randomInit, null);
    }

    /** The default model, on every core. */
    public static ModelChoice of(String spec) {
        return new ModelChoice(spec, null, null, null, null, null);
    }

    /** This model with its weights re-initialised with {@code seed}, or with the checkpoint's when null. */
    public ModelChoice withRandomInit(Long seed) {
        return new ModelChoice(spec, tokenizer, maxTokens, threads, seed, edits);
    }

    /** This model with every forward pass edited, or run as it is when null. */
    public ModelChoice withEdits(ModelEdits newEdits) {
        return new ModelChoice(spec, tokenizer, maxTokens, threads, randomInit, newEdits);
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
        LoadedModel loaded = new ModelLoader(repository).load(spec, tokenizer, maxTokens == null ? 512 : maxTokens,
                randomInit);
        if (edits == null) {
            return loaded;
        }
        if (!loaded.transformer().supportsInterventions()) {
            loaded.close();
            throw new ProbeException(Path.of(loaded.source().path()), "a " + loaded.source().architecture()
                    + " model cannot be edited inside its forward pass (--intervene needs a Hugging Face folder)");
        }
        if (edits.record().configSha256() != null
                && !edits.record().configSha256().equals(loaded.source().configSha256())) {
            loaded.close();
            throw new ProbeException(Path.of(edits.record().ranking()), "ranks the neurons of another model (config"
                    + " digests differ) than " + spec + ": its neurons cannot be edited in this one");
        }
        return new LoadedModel(new EditedTransformer(loaded.transformer(), edits.intervention()), loaded.tokenizer(),
                loaded.source().edited(edits.record()));
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
