package dev.probe.model;

import ai.djl.ndarray.NDManager;
import dev.probe.ProbeException;
import dev.probe.model.bert.BertModel;
import dev.probe.model.checkpoint.Checkpoints;
import dev.probe.model.distilbert.DistilBertModel;
import dev.probe.model.electra.ElectraModel;
import dev.probe.model.gpt2.Gpt2Model;
import dev.probe.model.init.InitScheme;
import dev.probe.model.llama.LlamaModel;
import dev.probe.model.roberta.RobertaModel;
import dev.probe.model.xlnet.XlnetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The architectures implemented on NDArrays, by Hugging Face {@code model_type}, and loading of a Hugging Face folder
 * ({@code config.json} + a checkpoint: {@code model.safetensors}, {@code pytorch_model.bin} or their shard indexes, see
 * {@link Checkpoints}). Adding an architecture means adding one entry here; callers only see {@link Transformer}.
 */
public final class Architectures {
    /** The safetensors checkpoint file of a Hugging Face folder (the one model imports write). */
    public static final String CHECKPOINT = "model.safetensors";

    /** Builds a model from its config and checkpoint; the manager will own the weights. */
    @FunctionalInterface
    public interface Loader {
        Transformer load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException;
    }

    /**
     * One supported architecture.
     *
     * @param modelType the {@code model_type} value
     * @param description what it covers
     * @param prefixes base-model prefixes that head checkpoints put before parameter names
     * @param loader the constructor
     */
    public record Architecture(String modelType, String description, List<String> prefixes, Loader loader) {
    }

    private static final Map<String, Architecture> SUPPORTED = build(
            new Architecture("bert", "BERT, MiniLM, BGE, E5 (BertModel)", List.of("bert."), BertModel::load),
            new Architecture("roberta", "RoBERTa (RobertaModel)", List.of("roberta."), RobertaModel::load),
            new Architecture("xlm-roberta", "XLM-RoBERTa (XLMRobertaModel)", List.of("roberta."), RobertaModel::load),
            new Architecture("camembert", "CamemBERT (CamembertModel)", List.of("roberta."), RobertaModel::load),
            new Architecture("distilbert", "DistilBERT (DistilBertModel)", List.of("distilbert."),
                    DistilBertModel::load),
            new Architecture("electra", "ELECTRA discriminator (ElectraModel)", List.of("electra."), ElectraModel::load),
            new Architecture("xlnet", "XLNet content stream (XLNetModel)", List.of("transformer."), XlnetModel::load),
            new Architecture("gpt2", "GPT-2 (GPT2Model)", List.of("transformer."), Gpt2Model::load),
            new Architecture("llama", "LLaMA (LlamaModel)", List.of("model."), LlamaModel::load),
            new Architecture("mistral", "Mistral (MistralModel)", List.of("model."), LlamaModel::load),
            new Architecture("qwen2", "Qwen2 (Qwen2Model)", List.of("model."), LlamaModel::load));

    private Architectures() {
    }

    private static Map<String, Architecture> build(Architecture... architectures) {
        Map<String, Architecture> map = new TreeMap<>();
        for (Architecture a : architectures) {
            map.put(a.modelType(), a);
        }
        return Map.copyOf(map);
    }

    /** Supported architectures, sorted by model type. */
    public static List<Architecture> supported() {
        return SUPPORTED.values().stream().sorted((a, b) -> a.modelType().compareTo(b.modelType())).toList();
    }

    /**
     * Loads a Hugging Face folder: {@code config.json} and its checkpoint ({@link Checkpoints#open}).
     *
     * @throws ProbeException when the folder, config or checkpoint is missing or invalid, or the type is unsupported
     */
    public static Transformer loadFolder(Path folder) throws ProbeException {
        return loadFolder(folder, null);
    }

    /**
     * Loads a Hugging Face folder, its weights re-initialised when {@code randomInit} is a seed: the checkpoint's
     * names and shapes are kept and checked, its values replaced as the architecture's {@link InitScheme} says.
     *
     * @param randomInit the {@code --random-init} seed, or null for the checkpoint's weights
     * @throws ProbeException when the folder, config or checkpoint is missing or invalid, or the type is unsupported
     */
    public static Transformer loadFolder(Path folder, Long randomInit) throws ProbeException {
        if (!Files.isDirectory(folder)) {
            throw new ProbeException(folder, "no such model folder");
        }
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        String type = config.modelType();
        Architecture architecture = SUPPORTED.get(type);
        if (architecture == null) {
            throw new ProbeException(config.file(), "unsupported model_type '" + type + "' (supported: "
                    + String.join(", ", new java.util.TreeSet<>(SUPPORTED.keySet())) + ")");
        }
        Checkpoints.find(folder); // the missing-checkpoint error before any native memory is taken
        InitScheme scheme = randomInit == null ? null : InitScheme.of(config);
        NDManager manager = NDManager.newBaseManager("PyTorch");
        try (Weights weights = new Weights(Checkpoints.open(folder), manager, architecture.prefixes(), scheme,
                randomInit == null ? 0 : randomInit)) {
            Transformer model = architecture.loader().load(config, weights, manager);
            manager.cap(); // from now on, anything attached to the weights' manager is a leak: fail instead
            return model;
        } catch (ProbeException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
