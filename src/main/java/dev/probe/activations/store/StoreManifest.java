package dev.probe.activations.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.io.InputFiles;
import dev.probe.io.Json;
import dev.probe.io.JsonErrors;
import dev.probe.model.InterventionRecord;
import dev.probe.model.init.RandomInit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code manifest.json}: what an activation store holds and where it came from. JSON keys are the snake_case forms of
 * the component names ({@code format_version}, {@code config_sha256}, …); unknown keys are ignored when reading.
 *
 * <p>Column {@code j} of the matrix is unit {@code j % width} of layer {@code layers[j / width]}.
 *
 * @param formatVersion the store format version, {@value #FORMAT_VERSION}
 * @param tool who wrote the store and when
 * @param model the model the activations come from
 * @param point where in each layer they were taken: {@code "hidden"} (the layer output, {@code hidden_size} units) or
 *     {@code "ffn"} (the feed-forward intermediate activation, {@code intermediate_size} units)
 * @param layers the extracted layer indices, in column order (0 is the embedding output for {@code hidden})
 * @param width units per layer
 * @param neurons matrix columns: {@code layers.size() * width}
 * @param dtype {@code "float32"} or {@code "float16"}
 * @param aggregation how subword vectors became one word vector: {@code "first"}, {@code "last"} or {@code "mean"}
 * @param input the corpus the words come from
 * @param counts sizes of the corpus and the matrix
 * @param windowing how sentences longer than the model's limit were split
 * @param labels label → number of words with it in the default label column, sorted by label
 * @param extra free-form values for later stages, or {@code null}
 * @param batching how the forward passes were planned; null in stores written before it was recorded (planned as one
 *     block)
 * @param shard for a shard store ({@code probe extract --shard}), the corpus range it holds; else null (absent)
 * @param merged for a store merged from shards ({@code probe merge}), its parts; else null (absent)
 */
public record StoreManifest(int formatVersion, Provenance tool, ModelRef model, String point, List<Integer> layers,
        int width, int neurons, String dtype, String aggregation, InputRef input, Counts counts, Windowing windowing,
        Map<String, Long> labels, Map<String, Object> extra,
        @JsonInclude(JsonInclude.Include.NON_NULL) BatchPlan batching,
        @JsonInclude(JsonInclude.Include.NON_NULL) ShardRange shard,
        @JsonInclude(JsonInclude.Include.NON_NULL) MergedShards merged) {

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 2;
    /** The manifest's file name inside a store. */
    public static final String FILE_NAME = "manifest.json";

    private static final long MAX_FILE_BYTES = 256L << 20;
    private static final ObjectReader READER = Json.reader(StoreManifest.class);
    private static final ObjectWriter WRITER = Json.writer(StoreManifest.class);

    /**
     * The model: how the user named it, what it resolved to, and the digests of the files that decide its numbers.
     *
     * @param spec the {@code --model} value (an alias, a folder or a TorchScript file)
     * @param architecture the {@code model_type}, or {@code "torchscript"}
     * @param source the resolved folder or file (for an alias, its folder in the model cache)
     * @param configSha256 SHA-256 of {@code config.json} (of the TorchScript file for TorchScript)
     * @param weightsSha256 SHA-256 of {@code model.safetensors} or of the TorchScript file; for a random-weight
     *     control, {@link RandomInit#weightsSha256()} (the checkpoint's own digest is then under
     *     {@code random_init.checkpoint_sha256}); null in stores written before weights were hashed (unknown)
     * @param tokenizerSha256 SHA-256 of the {@code tokenizer.json} used; null in stores written before it was recorded
     *     here (older stores kept it under {@code extra.tokenizer_sha256})
     * @param randomInit {@code random_init}: how the weights were re-initialised ({@code --random-init}); absent (null)
     *     for the checkpoint's own weights
     */
    public record ModelRef(String spec, String architecture, String source, String configSha256,
            String weightsSha256, String tokenizerSha256,
            @JsonInclude(JsonInclude.Include.NON_NULL) RandomInit randomInit,
            @JsonInclude(JsonInclude.Include.NON_NULL) InterventionRecord intervention) {
        /** Requires all but the weights and tokenizer digests, which older stores lack. */
        public ModelRef {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(configSha256, "configSha256");
        }

        /** A model with its checkpoint's own weights. */
        public ModelRef(String spec, String architecture, String source, String configSha256, String weightsSha256,
                String tokenizerSha256) {
            this(spec, architecture, source, configSha256, weightsSha256, tokenizerSha256, null, null);
        }

        /** A model run unedited, its weights re-initialised when {@code randomInit} is given. */
        public ModelRef(String spec, String architecture, String source, String configSha256, String weightsSha256,
                String tokenizerSha256, RandomInit randomInit) {
            this(spec, architecture, source, configSha256, weightsSha256, tokenizerSha256, randomInit, null);
        }

        /**
         * What identifies the numbers a model computes: config, weights (a random twin has its own digest) and random
         * re-initialisation; two stores may be combined only if these agree.
         *
         * @return null when they agree, else the first difference, in words
         */
        public String differenceFrom(ModelRef other) {
            if (!configSha256.equals(other.configSha256)) {
                return "config.json differs";
            }
            if ((randomInit == null) != (other.randomInit == null)) {
                return "one is a random-weight control (--random-init), the other the real model";
            }
            if (randomInit != null && randomInit.seed() != other.randomInit.seed()) {
                return "random-init seed " + randomInit.seed() + " vs " + other.randomInit.seed();
            }
            if ((intervention == null) != (other.intervention == null)) {
                return "one was extracted under an intervention (--intervene), the other from the model as it is";
            }
            if (intervention != null && !intervention.editsSha256().equals(other.intervention.editsSha256())) {
                return "they were extracted under different interventions";
            }
            if (weightsSha256 != null && other.weightsSha256 != null && !weightsSha256.equals(other.weightsSha256)) {
                return "weights differ";
            }
            return null;
        }
    }

    /**
     * The input corpus.
     *
     * @param path the file, absolute
     * @param sha256 SHA-256 of its bytes (of both files, for a NeuroX pair)
     * @param format the format it was read as
     * @param columns every annotation column kept in {@code tokens.tsv}, in order: the ten CoNLL-U column names,
     *     TSV column numbers ({@code "1"}, {@code "2"}, …), or {@code "label"} for NeuroX
     * @param defaultLabel the column later stages take labels from when no {@code --label} is given
     */
    public record InputRef(String path, String sha256, String format, List<String> columns, String defaultLabel) {
        /** Requires every value; the default label must be one of the columns. */
        public InputRef {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            columns = List.copyOf(columns);
            if (!columns.contains(defaultLabel)) {
                throw new IllegalArgumentException("default_label " + defaultLabel + " is not among the columns "
                        + columns);
            }
        }

        /**
         * The column a {@code --label} value names: a column name (case-insensitive), or for named columns
         * (CoNLL-U) a 1-based column number; {@code null} means the default label.
         *
         * @return the column's name as stored
         * @throws IllegalArgumentException naming the columns there are, when none matches
         */
        public String column(String requested) {
            if (requested == null) {
                return defaultLabel;
            }
            String wanted = requested.strip();
            for (String c : columns) {
                if (c.equalsIgnoreCase(wanted)) {
                    return c;
                }
            }
            if (wanted.matches("[1-9][0-9]{0,3}") && !columns.contains("1")) {
                int number = Integer.parseInt(wanted);
                if (number <= columns.size()) {
                    return columns.get(number - 1);
                }
            }
            throw new IllegalArgumentException("no label column '" + requested + "'; this store keeps "
                    + String.join(", ", columns));
        }
    }

    /**
     * @param sentences sentences in the corpus
     * @param words words, which is the number of matrix rows
     * @param subwords model tokens the words were split into (special tokens excluded)
     * @param windowedSentences sentences too long for one forward pass, run in overlapping windows
     */
    public record Counts(int sentences, long words, long subwords, int windowedSentences) {
    }

    /**
     * @param maxTokens the most tokens in one forward pass, special tokens included
     * @param stride tokens a window advances by
     * @param scheme how window outputs were combined, in words
     */
    public record Windowing(int maxTokens, int stride, String scheme) {
    }

    /** Checks the values; copies the lists and maps, sorting the labels. */
    public StoreManifest {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(windowing, "windowing");
        if (!"hidden".equals(point) && !"ffn".equals(point)) {
            throw new IllegalArgumentException("point must be hidden or ffn, found " + point);
        }
        if (!Set.of("first", "last", "mean").contains(Objects.requireNonNull(aggregation, "aggregation"))) {
            throw new IllegalArgumentException("aggregation must be first, last or mean, found " + aggregation);
        }
        dtype = StoreDtype.parse(dtype).typeName();
        layers = List.copyOf(layers);
        if (layers.isEmpty() || layers.stream().anyMatch(l -> l < 0) || new HashSet<>(layers).size() != layers.size()) {
            throw new IllegalArgumentException("layers must be distinct non-negative indices, found " + layers);
        }
        if (width <= 0 || (long) layers.size() * width != neurons) {
            throw new IllegalArgumentException("neurons must be layers × width = " + layers.size() + " × " + width
                    + ", found " + neurons);
        }
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
        extra = extra == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        if (shard != null && shard.rows() != counts.words()) {
            throw new IllegalArgumentException("shard " + shard.label() + " holds rows [" + shard.firstRow() + ", "
                    + shard.endRow() + "), but counts.words is " + counts.words());
        }
        if (shard != null && merged != null) {
            throw new IllegalArgumentException("a store is either a shard or merged from shards, not both");
        }
    }

    /** A whole-corpus store of the settings recorded before batching, shards and merges were (tests, old stores). */
    public StoreManifest(int formatVersion, Provenance tool, ModelRef model, String point, List<Integer> layers,
            int width, int neurons, String dtype, String aggregation, InputRef input, Counts counts,
            Windowing windowing, Map<String, Long> labels, Map<String, Object> extra) {
        this(formatVersion, tool, model, point, layers, width, neurons, dtype, aggregation, input, counts, windowing,
                labels, extra, null, null, null);
    }

    /** This shard's manifest as the shards' merge: the whole corpus's counts, labels and batches, these parts. */
    public StoreManifest asMerged(Provenance now, Counts total, Map<String, Long> allLabels, BatchPlan allBatches,
            Map<String, Object> allExtra, MergedShards parts) {
        return new StoreManifest(formatVersion, now, model, point, layers, width, neurons, dtype, aggregation, input,
                total, windowing, allLabels, allExtra, allBatches, null, parts);
    }

    /** The matrix column of unit {@code unit} of the {@code layerPosition}-th extracted layer. */
    public int neuronId(int layerPosition, int unit) {
        Objects.checkIndex(layerPosition, layers.size());
        Objects.checkIndex(unit, width);
        return layerPosition * width + unit;
    }

    /** The layer index (as in {@link #layers()}, not its position) that matrix column {@code neuron} belongs to. */
    public int layerOf(int neuron) {
        return layers.get(Objects.checkIndex(neuron, neurons) / width);
    }

    /** The unit within its layer of matrix column {@code neuron}. */
    public int unitOf(int neuron) {
        return Objects.checkIndex(neuron, neurons) % width;
    }

    /** A readable name for matrix column {@code neuron}: {@code "L<layer>:<unit>"}, such as {@code "L3:17"}. */
    public String neuronName(int neuron) {
        return "L" + layerOf(neuron) + ":" + unitOf(neuron);
    }

    /** This manifest as pretty-printed JSON, ending with a newline. */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code dir/manifest.json}. */
    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE_NAME), toJson(), StandardCharsets.UTF_8);
    }

    /**
     * Parses a manifest's JSON text (as {@link #toJson} writes it; a Spark task's result).
     *
     * @throws IllegalArgumentException when the text is not a manifest
     */
    public static StoreManifest fromJson(String json) {
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a store manifest: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads {@code dir/manifest.json}.
     *
     * @throws ProbeException naming the file (and line, for malformed JSON) when it is missing, malformed, invalid, or
     *     of another format version
     */
    public static StoreManifest read(Path dir) throws ProbeException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new ProbeException(file, "not found; is " + dir + " an activation store?");
        }
        StoreManifest manifest;
        try {
            byte[] text = InputFiles.readSmall(file, MAX_FILE_BYTES, "an activation store's manifest");
            JsonNode tree = READER.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new ProbeException(file, "invalid manifest: not a JSON object");
            }
            if (!tree.path("format_version").isIntegralNumber()) {
                throw new ProbeException(file, "invalid manifest: no format_version");
            }
            int version = tree.path("format_version").asInt(0);
            if (version == 1) {
                throw new ProbeException(file, "a store of format 1 (one label column), written by an older probe;"
                        + " extract it again: stores now keep every annotation column and take --label at read time");
            }
            if (version != FORMAT_VERSION) {
                throw new ProbeException(file, "unsupported format_version " + tree.path("format_version")
                        + "; this version of probe reads " + FORMAT_VERSION);
            }
            manifest = READER.readValue(text);
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(file, "invalid manifest", e);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
        return manifest;
    }
}
