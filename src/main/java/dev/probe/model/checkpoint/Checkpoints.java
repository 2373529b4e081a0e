package dev.probe.model.checkpoint;

import dev.probe.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds and opens the checkpoint of a Hugging Face model folder, in this order of preference: {@value #SAFETENSORS},
 * {@value #SAFETENSORS_INDEX} (shards), {@value #PYTORCH} (zip-format {@code torch.save}), {@value #PYTORCH_INDEX}.
 */
public final class Checkpoints {
    /** A single safetensors file. */
    public static final String SAFETENSORS = "model.safetensors";
    /** The index of safetensors shards. */
    public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
    /** A single {@code torch.save} state dict. */
    public static final String PYTORCH = "pytorch_model.bin";
    /** The index of {@code torch.save} shards. */
    public static final String PYTORCH_INDEX = "pytorch_model.bin.index.json";

    private static final List<String> PREFERENCE = List.of(SAFETENSORS, SAFETENSORS_INDEX, PYTORCH, PYTORCH_INDEX);

    private Checkpoints() {
    }

    /**
     * The checkpoint file of a folder: the single checkpoint or the shard index, whichever is found first.
     *
     * @throws ProbeException naming the folder and the file names looked for when there is none
     */
    public static Path find(Path folder) throws ProbeException {
        for (String name : PREFERENCE) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new ProbeException(folder, "no checkpoint: the model folder needs " + SAFETENSORS + " or " + PYTORCH
                + " (or the shard index " + SAFETENSORS_INDEX + " or " + PYTORCH_INDEX + ")");
    }

    /** Whether a folder holds a checkpoint {@link #find} accepts. */
    public static boolean present(Path folder) {
        return PREFERENCE.stream().anyMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    /** Opens the checkpoint of a folder ({@link #find}). */
    public static Checkpoint open(Path folder) throws ProbeException {
        Path file = find(folder);
        return isIndex(file) ? ShardedCheckpoint.open(file) : openFile(file);
    }

    /**
     * The files whose bytes are the weights of a folder: the checkpoint, or the index followed by its shards. Their
     * digests describe the weights in provenance records.
     */
    public static List<Path> files(Path folder) throws ProbeException {
        Path file = find(folder);
        List<Path> files = new ArrayList<>();
        files.add(file);
        if (isIndex(file)) {
            files.addAll(ShardedCheckpoint.shardFiles(file));
        }
        return files;
    }

    /** Opens one checkpoint file: safetensors, or a {@code torch.save} file ({@code .bin}, {@code .pt}, …). */
    public static Checkpoint openFile(Path file) throws ProbeException {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")
                ? SafetensorsReader.open(file) : TorchZipReader.open(file);
    }

    private static boolean isIndex(Path file) {
        return file.getFileName().toString().endsWith(".index.json");
    }
}
