package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelAlias;
import dev.probe.model.ModelLoader;
import dev.probe.model.ModelRepository;
import dev.probe.model.Threads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that choose and run a model, shared by the commands that run one. */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = ModelAlias.DEFAULT, paramLabel = "ALIAS|DIR|FILE.pt",
            description = "Alias of an embedded model (minilm, bge-small, e5-small), a Hugging Face folder, or a"
                    + " TorchScript file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json",
            description = "Tokenizer to use (required with a TorchScript file; default: the model folder's).")
    Path tokenizer;

    @Option(names = "--threads", paramLabel = "N",
            description = "Forward passes run in parallel on N threads, each on one PyTorch thread (default: all cores).")
    Integer threads;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "Longest sequence per forward pass, special tokens included (default: the model's maximum;"
                    + " 512 for TorchScript).")
    Integer maxTokens;

    /** The model folder or file and the tokenizer, when given as paths: inputs an output must not replace. */
    List<Path> inputPaths() {
        List<Path> paths = new ArrayList<>();
        if (ModelRepository.alias(model).isEmpty()) {
            paths.add(Path.of(model));
        }
        if (tokenizer != null) {
            paths.add(tokenizer);
        }
        return paths;
    }

    /** Loads the chosen model, after applying the thread setting. */
    LoadedModel load() throws ProbeException {
        if (threads != null) {
            OptionBounds.check("--threads", threads, 1, OptionBounds.MAX_THREADS);
        }
        if (maxTokens != null) {
            OptionBounds.check("--max-tokens", maxTokens, 1, OptionBounds.MAX_TOKENS);
        }
        // parallel passes on one PyTorch thread each beat one pass on many threads: measured in docs/benchmarks.md
        Threads.configure(1);
        int limit = maxTokens == null ? 512 : maxTokens;
        return new ModelLoader(ModelRepository.atDefaultHome()).load(model, tokenizer, limit);
    }

    /** How many forward passes run at once. */
    int workers() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The window length: {@code --max-tokens} when given (checked against the model), else the model's maximum. */
    int windowTokens(LoadedModel loaded) throws ProbeException {
        int modelMax = loaded.transformer().info().maxTokens();
        if (maxTokens == null) {
            return modelMax;
        }
        int specials = loaded.tokenizer().template().specials();
        if (maxTokens <= specials || maxTokens > modelMax) {
            throw new ProbeException("--max-tokens must be between " + (specials + 1) + " and " + modelMax
                    + " for this model, found " + maxTokens);
        }
        return maxTokens;
    }
}
