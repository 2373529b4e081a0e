/**
 * Checkpoint files: a memory-mapped, fully validated safetensors reader (F32, F16, BF16 widened to float32) and an F32
 * writer used by the ONNX importer.
 */
package dev.probe.model.checkpoint;
