package dev.probe.model;

import dev.probe.ProbeException;
import dev.probe.model.checkpoint.Checkpoints;
import dev.probe.model.init.InitScheme;
import dev.probe.model.init.RandomInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a {@code --model} value into a loaded model: an alias of an embedded model ({@code minilm}, …), a Hugging Face
 * folder ({@code config.json}, a checkpoint as {@link Checkpoints} finds it, {@code tokenizer.json}) or hub cache
 * folder ({@link HubCache}), a name given to {@code probe models import}, or a TorchScript file with a separate
 * {@code tokenizer.json}. The weights and tokenizer digests it records are taken from the repository's digest cache,
 * so a large checkpoint is hashed once, not on every run.
 */
public final class ModelLoader {
    private final ModelRepository repository;

    /** A loader that resolves aliases in this repository. */
    public ModelLoader(ModelRepository repository) {
        this.repository = repository;
    }

    /**
     * Loads a model.
     *
     * @param spec alias, folder or TorchScript file
     * @param tokenizer a {@code tokenizer.json} to use instead of the folder's (required for TorchScript), or null
     * @param maxTokens for TorchScript modules, the longest sequence they accept
     */
    public LoadedModel load(String spec, Path tokenizer, int maxTokens) throws ProbeException {
        return load(spec, tokenizer, maxTokens, null);
    }

    /**
     * Loads a model, its weights re-initialised when {@code randomInit} is a seed ({@link InitScheme}); the tokenizer
     * and config are the folder's either way.
     *
     * @param spec alias, folder or TorchScript file
     * @param tokenizer a {@code tokenizer.json} to use instead of the folder's (required for TorchScript), or null
     * @param maxTokens for TorchScript modules, the longest sequence they accept
     * @param randomInit the {@code --random-init} seed, or null for the checkpoint's weights
     * @throws ProbeException also when a TorchScript module is to be re-initialised (its parameters have no
     *     architecture to follow)
     */
    public LoadedModel load(String spec, Path tokenizer, int maxTokens, Long randomInit) throws ProbeException {
        Path path = repository.modelPath(spec);
        if (Files.isDirectory(path)) {
            return loadFolder(spec, path, tokenizer, randomInit);
        }
        if (Files.isRegularFile(path) && isTorchScript(path)) {
            if (randomInit != null) {
                throw new ProbeException(path, "--random-init needs a Hugging Face folder or an alias: a TorchScript"
                        + " module's parameters cannot be re-initialised by architecture");
            }
            if (tokenizer == null) {
                throw new ProbeException(path, "a TorchScript model needs --tokenizer tokenizer.json");
            }
            return loadTorchScript(spec, path, tokenizer, maxTokens);
        }
        if (Files.isRegularFile(path)) {
            throw new ProbeException(path, "not a model folder or a TorchScript file (.pt, .pth, .ts, .torchscript)");
        }
        throw new ProbeException(path, "no such model folder, file or alias (aliases: "
                + ModelAlias.KNOWN.stream().map(ModelAlias::name).collect(Collectors.joining(", ")) + ")");
    }

    private static boolean isTorchScript(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ts") || name.endsWith(".torchscript");
    }

    private LoadedModel loadFolder(String spec, Path folder, Path tokenizerOverride, Long randomInit)
            throws ProbeException {
        Path tokenizerFile = tokenizerOverride != null ? tokenizerOverride : repository.tokenizerFile(folder);
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        WordTokenizer tokenizer = WordTokenizer.open(tokenizerFile);
        try {
            long pad = Math.max(0, config.optInt("pad_token_id", 0)); // padding is masked: -1 (some configs) → 0
            Transformer transformer = Architectures.loadFolder(folder, randomInit);
            try {
                VocabularyCheck.check(config, tokenizer, pad);
                String weights = repository.weightsSha256(folder);
                RandomInit random = randomInit == null ? null : RandomInit.of(randomInit, InitScheme.of(config), weights);
                ModelSource source = new ModelSource(spec, config.modelType(), folder.toAbsolutePath().toString(),
                        config.sha256(), random == null ? weights : random.weightsSha256(),
                        repository.sha256(tokenizerFile), pad, random);
                return new LoadedModel(transformer, tokenizer, source);
            } catch (ProbeException | RuntimeException e) {
                transformer.close();
                throw e;
            }
        } catch (ProbeException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private LoadedModel loadTorchScript(String spec, Path file, Path tokenizerFile, int maxTokens)
            throws ProbeException {
        WordTokenizer tokenizer = WordTokenizer.open(tokenizerFile);
        try {
            String digest = repository.sha256(file);
            String tokenizerDigest = repository.sha256(tokenizerFile);
            Transformer transformer = TorchScriptModel.load(file, maxTokens);
            ModelSource source = new ModelSource(spec, "torchscript", file.toAbsolutePath().toString(), digest, digest,
                    tokenizerDigest, 0, null);
            return new LoadedModel(transformer, tokenizer, source);
        } catch (ProbeException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }
}
