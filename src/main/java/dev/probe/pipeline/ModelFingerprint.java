package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.model.ModelAlias;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a store extracted from a model records about it, known without loading the weights: the {@code --model} value,
 * the SHA-256 of its {@code config.json}, and its hidden-state layers 0..L.
 *
 * @param spec the {@code --model} value (alias or absolute folder), as a store's manifest records it
 * @param configSha256 SHA-256 of the folder's {@code config.json}
 * @param hiddenLayers 0..L (0 = embeddings), or empty when the layer count is not in {@code config.json}
 */
public record ModelFingerprint(String spec, String configSha256, List<Integer> hiddenLayers) {
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
     * @throws ProbeException when the alias is unavailable or the folder has no readable {@code config.json}
     */
    public static ModelFingerprint of(String spec, ModelRepository repository) throws ProbeException {
        Optional<ModelAlias> alias = ModelRepository.alias(spec);
        Path folder = alias.isPresent() ? repository.resolve(alias.get()) : Path.of(spec);
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
        return new ModelFingerprint(spec, config.sha256(), layers);
    }
}
