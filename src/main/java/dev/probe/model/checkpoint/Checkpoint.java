package dev.probe.model.checkpoint;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A checkpoint's named tensors, whatever the file format: one {@code .safetensors} file ({@link SafetensorsReader}),
 * one zip-format {@code torch.save} file ({@link TorchZipReader}), or shards listed by an index file
 * ({@link ShardedCheckpoint}). Tensors are read one at a time as float32 in row-major order; the files stay open
 * (memory-mapped) until {@link #close()}.
 */
public interface Checkpoint extends AutoCloseable {
    /** The file that names this checkpoint in error messages: the checkpoint itself, or the shards' index. */
    Path file();

    /** The tensor names, in file order. */
    Set<String> names();

    /** Whether a tensor of this name exists. */
    default boolean contains(String name) {
        return names().contains(name);
    }

    /**
     * The shape of a tensor (a copy the caller may keep).
     *
     * @throws ProbeException naming the file when there is no such tensor
     */
    long[] shape(String name) throws ProbeException;

    /**
     * Reads one tensor as float32 in row-major order (half and bfloat16 values widened exactly).
     *
     * @throws ProbeException naming the file when there is no such tensor, its type is not a float type, or its data
     *     is corrupt
     */
    float[] readFloats(String name) throws ProbeException;

    /** Releases the files; never fails. */
    @Override
    void close();
}
