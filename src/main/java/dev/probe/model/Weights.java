package dev.probe.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.ProbeException;
import dev.probe.model.checkpoint.SafetensorsReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Named tensors of a checkpoint, loaded into NDArrays owned by the model's manager, with shape checks.
 *
 * <p>Checkpoints saved from a model with a head carry a base-model prefix ({@code bert.}, {@code roberta.}, …) that
 * Hugging Face strips when loading the base model; the prefixes given here are tried in order after the bare name.
 */
public final class Weights implements AutoCloseable {
    private final SafetensorsReader reader;
    private final NDManager manager;
    private final List<String> prefixes;

    /**
     * @param reader the opened checkpoint (closed with this object)
     * @param manager the manager that will own the loaded arrays (the model's lifetime)
     * @param prefixes base-model prefixes to try after the bare name, e.g. {@code "bert."}
     */
    public Weights(SafetensorsReader reader, NDManager manager, List<String> prefixes) {
        this.reader = reader;
        this.manager = manager;
        this.prefixes = List.copyOf(prefixes);
    }

    /** The checkpoint file. */
    public Path file() {
        return reader.file();
    }

    /** Whether the checkpoint holds this tensor (under any accepted prefix). */
    public boolean has(String name) {
        return resolve(name) != null;
    }

    /**
     * Loads a tensor and checks its shape.
     *
     * @param name the Hugging Face base-model name
     * @param shape the expected shape
     * @throws ProbeException naming the tensor when it is missing or has another shape
     */
    public NDArray get(String name, long... shape) throws ProbeException {
        String key = resolve(name);
        if (key == null) {
            throw new ProbeException(reader.file(), "checkpoint is missing the required tensor '" + name + "'");
        }
        long[] actual = reader.tensors().get(key).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new ProbeException(reader.file(), "tensor '" + key + "' has shape " + Arrays.toString(actual)
                    + ", expected " + Arrays.toString(shape));
        }
        return Aligned.copy(manager.create(reader.readFloats(key), new Shape(shape)));
    }

    private String resolve(String name) {
        if (reader.contains(name)) {
            return name;
        }
        for (String prefix : prefixes) {
            if (reader.contains(prefix + name)) {
                return prefix + name;
            }
        }
        return null;
    }

    @Override
    public void close() {
        reader.close();
    }
}
