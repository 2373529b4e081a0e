/**
 * Checkpoint files behind one {@link dev.probe.model.checkpoint.Checkpoint} interface: a memory-mapped, fully validated
 * safetensors reader, a reader of zip-format {@code torch.save} files ({@code pytorch_model.bin}) whose pickle is
 * interpreted without executing anything, shards listed by a Hugging Face index, and an F32 safetensors writer used by
 * the ONNX importer. F32, F16 and BF16 tensors are widened to float32.
 */
package dev.probe.model.checkpoint;
