package dev.probe.cli;

import dev.probe.model.ModelAlias;
import dev.probe.model.ModelChoice;
import java.nio.file.Path;
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

    /** The model chosen, with the checkpoint's weights. */
    ModelChoice choice() {
        return new ModelChoice(model, tokenizer, maxTokens, threads);
    }
}
