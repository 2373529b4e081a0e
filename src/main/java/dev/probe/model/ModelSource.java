package dev.probe.model;

import dev.probe.model.init.RandomInit;

/**
 * Where a loaded model came from, for provenance records.
 *
 * @param spec what the user gave to {@code --model} (an alias, a folder or a file)
 * @param architecture the {@code model_type}, or "torchscript"
 * @param path the resolved folder or file
 * @param configSha256 SHA-256 of {@code config.json}, or of the TorchScript file
 * @param weightsSha256 SHA-256 of the weights: the checkpoint file ({@code model.safetensors} or {@code
 *     pytorch_model.bin}; for an alias, the one it was imported to in the model cache; for shards, the digest of the
 *     index's and shards' digests, {@link ModelRepository#weightsSha256}), or the TorchScript file; for re-initialised
 *     weights, {@link RandomInit#weightsSha256()}
 * @param tokenizerSha256 SHA-256 of {@code tokenizer.json}
 * @param padId the token id used for padding
 * @param randomInit how the weights were re-initialised ({@code --random-init}), or null for the checkpoint's own
 * @param intervention how every forward pass is edited ({@code --intervene}; {@code weightsSha256} is then
 *     {@link InterventionRecord#weightsSha256()}), or null for the model's own pass
 */
public record ModelSource(String spec, String architecture, String path, String configSha256, String weightsSha256,
        String tokenizerSha256, long padId, RandomInit randomInit, InterventionRecord intervention) {

    /** A model run as it is. */
    public ModelSource(String spec, String architecture, String path, String configSha256, String weightsSha256,
            String tokenizerSha256, long padId, RandomInit randomInit) {
        this(spec, architecture, path, configSha256, weightsSha256, tokenizerSha256, padId, randomInit, null);
    }

    /** This source with every forward pass edited: the weights digest becomes the edited model's. */
    public ModelSource edited(InterventionRecord record) {
        InterventionRecord r = record.onWeights(weightsSha256);
        return new ModelSource(spec, architecture, path, configSha256, r.weightsSha256(), tokenizerSha256, padId,
                randomInit, r);
    }
}
