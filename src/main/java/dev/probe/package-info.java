/**
 * probe: neuron-level analysis of pretrained transformers.
 *
 * <p>The packages follow the data flow: {@code corpus} (annotated sentences) → {@code model} (checkpoints and forward
 * passes) → {@code activations} (extraction and the on-disk store) → later probe, ranking and report stages; {@code cli}
 * holds the picocli commands only, {@code io} small file utilities shared by every stage.
 */
package dev.probe;
