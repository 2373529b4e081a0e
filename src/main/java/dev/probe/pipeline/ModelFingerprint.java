package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelRepository;
import dev.probe.model.checkpoint.Checkpoints;
import dev.probe.model.init.InitScheme;
import dev.probe.model.init.RandomInit;
import dev.probe.model.tokenizer.TokenizerFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a store extracted from a model records about it, known without loading the weights: the {@code --model} value,
 * the SHA-256 digests of its {@code config.json}, its checkpoint ({@link ModelRepository#weightsSha256}) and
 * {@code tokenizer.json} (the last two from the model cache's digest cache, as {@code extract} records them), and its
 * hidden-state layers 0..L.
 *
 * @param spec the {@code --model} value (alias or absolute folder), as a store's manifest records it
 * @param configSha256 SHA-256 of the folder's {@code config.json}
 * @param weightsSha256 the digest of the folder's checkpoint, {@link ModelRepository#weightsSha256} (for a
 *     {@code random_init} entry, the identity of the re-initialised weights, {@link RandomInit#weightsSha256()}), or null when there is none (unknown)
 * @param tokenizerSha256 SHA-256 of the folder's {@code tokenizer.json} (or of the one built from its {@code
 *     vocab.txt} or {@code spiece.model}, {@link TokenizerFiles}), or null when there is none (unknown)
 * @param hiddenLayers 0..L (0 = embeddings), or empty when the layer count is not in {@code config.json}
 */
public record ModelFingerprint(String spec, String configSha256, String weightsSha256, String tokenizerSha256,
        List<Integer> hiddenLayers) {
    /** The keys architectures use for their block count ({@code num_hidden_layers}, GPT-2/XLNet, DistilBERT). */
    private static final List<String> LAYER_KEYS = List.of("num_hidden_layers", "n_layer", "n_layers", "num_layers");

    /** Copies the layers. */
    public ModelFingerprint {
        hiddenLayers = List.copyOf(hiddenLayers);
    }

    /**
     * The fingerprint of an alias (imported into the repository on first use, as {@code extract} would) or a Hugging
     * Face folder.
     *
     * @throws ProbeException when the alias is unavailable, the folder has no readable {@code config.json}, or its
     *     checkpoint or tokenizer exists but cannot be read
     */
    public static ModelFingerprint of(String spec, ModelRepository repository) throws ProbeException {
        return of(spec, null, repository);
    }

    /**
     * The fingerprint of an alias or folder, its weights re-initialised with {@code randomInit} when not null (as
     * {@code extract --random-init} records them).
     *
     * @throws ProbeException as {@link #of(String, ModelRepository)}, or when the architecture has no initializer
     */
    public static ModelFingerprint of(String spec, Long randomInit, ModelRepository repository)
            throws ProbeException {
        Path folder = repository.modelPath(spec);
        if (!Files.isDirectory(folder)) {
            throw new ProbeException(folder, "no such model folder");
        }
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        int blocks = -1;
        for (String key : LAYER_KEYS) {
            if (blocks < 0 && config.has(key)) {
                blocks = config.optInt(key, -1);
            }
        }
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i <= blocks; i++) {
            layers.add(i);
        }
        String weights = Checkpoints.present(folder) ? repository.weightsSha256(folder) : null;
        if (randomInit != null) {
            InitScheme scheme = InitScheme.of(config);
            weights = weights == null ? null : RandomInit.of(randomInit, scheme, weights).weightsSha256();
        }
        String tokenizer = TokenizerFiles.present(folder)
                ? repository.sha256(repository.tokenizerFile(folder)) : null; // built as extract builds it
        return new ModelFingerprint(spec, config.sha256(), weights, tokenizer, layers);
    }
}
