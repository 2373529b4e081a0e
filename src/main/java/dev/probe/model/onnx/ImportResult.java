package dev.probe.model.onnx;

import java.nio.file.Path;

/**
 * What {@link BertOnnxImporter#importModel} wrote.
 *
 * @param folder the Hugging Face model folder (absolute)
 * @param layers number of encoder layers
 * @param hidden hidden size
 * @param heads attention heads per layer
 * @param intermediate feed-forward (intermediate) size
 * @param vocab rows of the word-embedding table
 */
public record ImportResult(Path folder, int layers, int hidden, int heads, int intermediate, int vocab) {
}
