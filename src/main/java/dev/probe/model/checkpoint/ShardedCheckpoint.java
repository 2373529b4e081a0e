package dev.probe.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.io.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint split into shards by Hugging Face ({@code model.safetensors.index.json}, {@code
 * pytorch_model.bin.index.json}): the index's {@code weight_map} names, for every tensor, the shard file beside the
 * index that holds it. Each shard is opened once ({@link Checkpoints#openFile}) and all are closed together. A shard
 * that is missing, or that lacks a tensor the index puts in it, is an error naming the index.
 */
public final class ShardedCheckpoint implements Checkpoint {
    private final Path index;
    private final Map<String, Checkpoint> byTensor;
    private final List<Checkpoint> shards;

    private ShardedCheckpoint(Path index, Map<String, Checkpoint> byTensor, List<Checkpoint> shards) {
        this.index = index;
        this.byTensor = byTensor;
        this.shards = shards;
    }

    /**
     * The shard file names of an index, in first-mention order, each a plain file name in the index's folder.
     *
     * @throws ProbeException naming the index when it is not valid JSON or lacks a {@code weight_map} of names
     */
    public static Map<String, String> weightMap(Path index) throws ProbeException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(index));
        } catch (NoSuchFileException e) {
            throw new ProbeException(index, "no such file");
        } catch (JsonProcessingException e) {
            throw new ProbeException(index, "not valid JSON (" + JsonErrors.reason(e) + ")");
        } catch (IOException e) {
            throw new ProbeException(index, "cannot read: " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new ProbeException(index, "a shard index needs a non-empty object 'weight_map' {tensor: file}");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String shard = e.getValue().isTextual() ? e.getValue().asText() : "";
            if (shard.isEmpty() || shard.contains("/") || shard.contains("\\") || shard.equals(".")
                    || shard.equals("..")) {
                throw new ProbeException(index, "weight_map entry '" + e.getKey() + "' must name a file beside the"
                        + " index, found " + e.getValue());
            }
            result.put(e.getKey(), shard);
        }
        return result;
    }

    /** The shard files of an index, in first-mention order. */
    public static List<Path> shardFiles(Path index) throws ProbeException {
        List<Path> files = new ArrayList<>();
        for (String shard : new LinkedHashSet<>(weightMap(index).values())) {
            files.add(index.resolveSibling(shard));
        }
        return files;
    }

    /** Opens every shard of an index and checks that each holds the tensors the index puts in it. */
    public static ShardedCheckpoint open(Path index) throws ProbeException {
        Map<String, String> weightMap = weightMap(index);
        Map<String, Checkpoint> opened = new LinkedHashMap<>();
        try {
            Map<String, Checkpoint> byTensor = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                Checkpoint shard = opened.get(e.getValue());
                if (shard == null) {
                    Path file = index.resolveSibling(e.getValue());
                    if (!Files.isRegularFile(file)) {
                        throw new ProbeException(index, "names shard " + e.getValue() + " (for tensor '" + e.getKey()
                                + "'), which is not in " + index.toAbsolutePath().getParent());
                    }
                    shard = Checkpoints.openFile(file);
                    opened.put(e.getValue(), shard);
                }
                if (!shard.contains(e.getKey())) {
                    throw new ProbeException(index, "puts tensor '" + e.getKey() + "' in " + e.getValue()
                            + ", which does not hold it");
                }
                byTensor.put(e.getKey(), shard);
            }
            return new ShardedCheckpoint(index, Collections.unmodifiableMap(byTensor), List.copyOf(opened.values()));
        } catch (ProbeException | RuntimeException e) {
            opened.values().forEach(Checkpoint::close);
            throw e;
        }
    }

    /** The index file. */
    @Override
    public Path file() {
        return index;
    }

    @Override
    public Set<String> names() {
        return byTensor.keySet();
    }

    @Override
    public long[] shape(String name) throws ProbeException {
        return shard(name).shape(name);
    }

    @Override
    public float[] readFloats(String name) throws ProbeException {
        return shard(name).readFloats(name);
    }

    private Checkpoint shard(String name) throws ProbeException {
        Checkpoint shard = byTensor.get(name);
        if (shard == null) {
            throw new ProbeException(index, "checkpoint has no tensor '" + name + "'");
        }
        return shard;
    }

    @Override
    public void close() {
        shards.forEach(Checkpoint::close);
    }
}
