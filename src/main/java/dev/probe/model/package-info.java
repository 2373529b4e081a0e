/**
 * Pretrained transformers: checkpoint reading ({@code checkpoint}), architectures implemented on DJL NDArrays
 * ({@code bert}, …), the ONNX importer for the embedded default model ({@code onnx}), TorchScript modules, model
 * resolution (aliases, folders, files) and the word-aligned tokenizer.
 *
 * <p>Callers see only {@link dev.probe.model.Transformer}, {@link dev.probe.model.WordTokenizer} and plain Java arrays:
 * native memory never leaves this package. Every forward pass opens one NDManager scope and closes it before returning.
 */
package dev.probe.model;
