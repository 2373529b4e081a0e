package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.activations.Aggregation;
import dev.probe.activations.store.StoreDtype;
import dev.probe.corpus.CorpusFormat;
import dev.probe.rank.RankSettings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated pipeline configuration ({@code probe run --config FILE.yaml}): models × tasks, where to write, and the
 * ranking settings. Every path is absolute; relative paths in the file were resolved against the file's folder.
 * {@link #load(Path)} reads one; the YAML layout is documented in {@code configs/README.md}.
 *
 * @param file the configuration file, as the user named it (for messages)
 * @param runDir where stores, rankings and the comparison go
 * @param models the models, in file order, with distinct names
 * @param tasks the tasks, in file order, with distinct names
 * @param rank the ranking settings, without a label (each task gives its own)
 */
public record PipelineConfig(Path file, Path runDir, List<ModelEntry> models, List<TaskEntry> tasks,
        RankSettings rank) {

    /** The analysis settings of a configuration without a {@code rank} section. */
    public static final RankSettings DEFAULT_RANK = RankSettings.defaults();

    /** The split names, in the order the pipeline extracts them. */
    public static final List<String> SPLITS = List.of("train", "dev", "test");

    /** Copies the lists; requires at least one model and one task. */
    public PipelineConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(rank, "rank");
        models = List.copyOf(models);
        tasks = List.copyOf(tasks);
        if (models.isEmpty() || tasks.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one model and one task");
        }
    }

    /**
     * Reads and validates a YAML configuration.
     *
     * @throws ProbeException naming the file, the key path ({@code tasks[1].dev}) and, for YAML and unknown-key
     *     errors, the line and column, when the file is missing, malformed or invalid, or names a missing file
     */
    public static PipelineConfig load(Path file) throws ProbeException {
        return ConfigReader.read(file);
    }

    /** The folder of one store: {@code <run_dir>/stores/<model>/<name>}, one per model × corpus file. */
    public Path store(ModelEntry model, String name) {
        return runDir.resolve("stores").resolve(model.name()).resolve(name);
    }

    /** The folder of one ranking: {@code <run_dir>/runs/<model>/<task>/rank}. */
    public Path rankDir(ModelEntry model, TaskEntry task) {
        return runDir.resolve("runs").resolve(model.name()).resolve(task.name()).resolve("rank");
    }

    /** {@code <run_dir>/comparison.md}. */
    public Path comparisonMarkdown() {
        return runDir.resolve("comparison.md");
    }

    /** {@code <run_dir>/comparison.json}. */
    public Path comparisonJson() {
        return runDir.resolve("comparison.json");
    }

    /** {@code <run_dir>/comparison.html}, with its charts {@code comparison-accuracy.svg} … beside it. */
    public Path comparisonHtml() {
        return runDir.resolve("comparison.html");
    }

    /**
     * One model.
     *
     * @param name the name used in output paths
     * @param model what {@code extract --model} gets: an alias, or the absolute path of a Hugging Face folder
     * @param layers the layers to extract in column order, or empty for all
     * @param dtype the stored matrix's element type
     * @param aggregation subword to word aggregation
     */
    public record ModelEntry(String name, String model, List<Integer> layers, StoreDtype dtype,
            Aggregation aggregation, Long randomInit) {
        /** Copies the layers. */
        public ModelEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(dtype, "dtype");
            Objects.requireNonNull(aggregation, "aggregation");
            layers = List.copyOf(layers);
        }

        /** A model with its checkpoint's weights. */
        public ModelEntry(String name, String model, List<Integer> layers, StoreDtype dtype, Aggregation aggregation) {
            this(name, model, layers, dtype, aggregation, null);
        }
    }

    /**
     * One task: an annotated corpus in two or three splits and the column its labels come from.
     *
     * @param name the name used in output paths
     * @param format the corpus format, or {@code null} to tell it from each file's extension
     * @param column the label column as given ({@code xpos}, {@code 2}, …), or {@code null} for the format's default
     * @param tokenColumn the 1-based token column of a TSV corpus (1 otherwise)
     * @param splits split name ({@code train}, {@code dev}, optionally {@code test}) → absolute corpus file, in that
     *     order
     */
    public record TaskEntry(String name, CorpusFormat format, String column, int tokenColumn,
            Map<String, Path> splits) {
        /** Requires train and dev; copies the splits in {@link #SPLITS} order. */
        public TaskEntry {
            Objects.requireNonNull(name, "name");
            if (!splits.containsKey("train") || !splits.containsKey("dev")) {
                throw new IllegalArgumentException("a task needs train and dev, found " + splits.keySet());
            }
            Map<String, Path> ordered = new LinkedHashMap<>();
            for (String split : SPLITS) {
                if (splits.containsKey(split)) {
                    ordered.put(split, Objects.requireNonNull(splits.get(split), split));
                }
            }
            if (ordered.size() != splits.size()) {
                throw new IllegalArgumentException("splits must be among " + SPLITS + ", found " + splits.keySet());
            }
            splits = Collections.unmodifiableMap(ordered);
        }

        /** The label column to rank: the one given, else the format's default for the training file. */
        public String label() throws ProbeException {
            if (column != null) {
                return column;
            }
            CorpusFormat f = format != null ? format : CorpusFormat.detect(splits.get("train"));
            return switch (f) {
                case CONLLU -> dev.probe.corpus.Corpora.DEFAULT_CONLLU_COLUMN;
                case TSV -> Integer.toString(dev.probe.corpus.Corpora.DEFAULT_TSV_COLUMN);
                case NEUROX -> "label";
            };
        }

        /** The test corpus, if the task has one. */
        public Optional<Path> test() {
            return Optional.ofNullable(splits.get("test"));
        }
    }
}
