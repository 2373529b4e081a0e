package dev.probe.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.ProbeException;
import dev.probe.model.checkpoint.Checkpoint;
import dev.probe.model.init.InitScheme;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Named tensors of a checkpoint, loaded into NDArrays owned by the model's manager, with shape checks.
 *
 * <p>Checkpoints saved from a model with a head carry a base-model prefix ({@code bert.}, {@code roberta.}, …) that
 * Hugging Face strips when loading the base model; the prefixes given here are tried in order after the bare name.
 *
 * <p>With a re-initialisation scheme ({@code --random-init}), every tensor is still looked up and shape-checked in the
 * checkpoint, but its values are drawn by the scheme under the bare name, never read.
 */
public final class Weights implements AutoCloseable {
    private final Checkpoint reader;
    private final NDManager manager;
    private final List<String> prefixes;
    private final InitScheme scheme;
    private final long seed;

    /**
     * @param reader the opened checkpoint (closed with this object)
     * @param manager the manager that will own the loaded arrays (the model's lifetime)
     * @param prefixes base-model prefixes to try after the bare name, e.g. {@code "bert."}
     */
    public Weights(Checkpoint reader, NDManager manager, List<String> prefixes) {
        this(reader, manager, prefixes, null, 0);
    }

    /**
     * Weights re-initialised by {@code scheme} (when not null) with {@code seed}, in the checkpoint's shapes.
     *
     * @param reader the opened checkpoint (closed with this object)
     * @param manager the manager that will own the arrays
     * @param prefixes base-model prefixes to try after the bare name
     * @param scheme the architecture's initializer, or null to read the checkpoint's values
     * @param seed the {@code --random-init} seed (ignored without a scheme)
     */
    public Weights(Checkpoint reader, NDManager manager, List<String> prefixes, InitScheme scheme, long seed) {
        this.reader = reader;
        this.manager = manager;
        this.prefixes = List.copyOf(prefixes);
        this.scheme = scheme;
        this.seed = seed;
    }

    /** The checkpoint file (for a sharded checkpoint, its index). */
    public Path file() {
        return reader.file();
    }

    /** Whether the values are drawn by a re-initialisation scheme ({@code --random-init}) instead of read. */
    public boolean reinitialised() {
        return scheme != null;
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
        long[] actual = reader.shape(key);
        if (!Arrays.equals(actual, shape)) {
            throw new ProbeException(reader.file(), "tensor '" + key + "' has shape " + Arrays.toString(actual)
                    + ", expected " + Arrays.toString(shape));
        }
        float[] values = scheme == null ? reader.readFloats(key) : scheme.draw(seed, name, shape);
        return Aligned.copy(manager.create(values, new Shape(shape)));
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
