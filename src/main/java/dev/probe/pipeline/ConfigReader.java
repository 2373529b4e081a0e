package dev.probe.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.probe.ProbeException;
import dev.probe.activations.Aggregation;
import dev.probe.activations.store.StoreDtype;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.CorpusFormat;
import dev.probe.corpus.NeuroxReader;
import dev.probe.model.ModelAlias;
import dev.probe.model.ModelRepository;
import dev.probe.pipeline.PipelineConfig.ModelEntry;
import dev.probe.InvalidRequest;
import dev.probe.activations.ExtractionRequest;
import dev.probe.probe.ProbeOptions;
import dev.probe.rank.RankMethod;
import dev.probe.rank.RankSettings;
import dev.probe.pipeline.PipelineConfig.TaskEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a pipeline YAML file in two passes: Jackson binds it to plain records (unknown keys are errors), then
 * {@link #validate} checks every value and resolves paths against the file's folder, naming the key path of any error.
 */
final class ConfigReader {
    /** Names become folder names: letters, digits, dots, dashes and underscores, not starting with a dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    /** The file as written. */
    record RawConfig(String runDir, List<RawModel> models, List<RawTask> tasks, RawRank rank) {
    }

    /** One {@code models} entry as written. */
    record RawModel(String name, String model, JsonNode layers, String dtype, String aggregate, JsonNode randomInit) {
    }

    /** One {@code tasks} entry as written. */
    record RawTask(String name, String format, String column, Integer tokenColumn, String train, String dev,
            String test) {
    }

    /** The {@code rank} section as written. */
    record RawRank(Double delta, Double l1, Double l2, JsonNode grid, Boolean control, Long seed, String method,
            Integer cap) {
    }

    private final Path file;
    private final Path base;

    private ConfigReader(Path file) {
        this.file = file;
        this.base = file.toAbsolutePath().normalize().getParent();
    }

    static PipelineConfig read(Path file) throws ProbeException {
        if (!Files.isRegularFile(file)) {
            throw new ProbeException(file, "no such configuration file");
        }
        ConfigReader reader = new ConfigReader(file);
        return reader.validate(reader.parse());
    }

    private RawConfig parse() throws ProbeException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
        if (text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.matches("-{3}"))) {
            throw new ProbeException(file, "empty configuration: expected run_dir, models and tasks");
        }
        RawConfig raw = YamlBinding.read(file, text, RawConfig.class);
        if (raw == null) {
            throw new ProbeException(file, "empty configuration: expected run_dir, models and tasks");
        }
        return raw;
    }

    private PipelineConfig validate(RawConfig raw) throws ProbeException {
        if (raw.runDir() == null || raw.runDir().isBlank()) {
            throw error("run_dir", "required: the folder the pipeline writes to (relative to the configuration's"
                    + " folder)");
        }
        Path runDir = resolve(raw.runDir());
        return new PipelineConfig(file, runDir, models(raw.models()), tasks(raw.tasks()), rank(raw.rank()));
    }

    private List<ModelEntry> models(List<RawModel> raw) throws ProbeException {
        if (raw == null || raw.isEmpty()) {
            throw error("models", "at least one model is required (e.g. '- name: minilm')");
        }
        Map<String, String> names = new HashMap<>();
        List<ModelEntry> models = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String key = "models[" + i + "]";
            RawModel m = raw.get(i);
            if (m == null) {
                throw error(key, "empty entry; expected name, model, layers, dtype");
            }
            String name = name(key, m.name(), names);
            String spec = m.model() == null || m.model().isBlank() ? name : m.model().strip();
            String model = modelSpec(key + ".model", spec);
            List<Integer> layers = layers(key + ".layers", m.layers());
            StoreDtype dtype;
            try {
                dtype = m.dtype() == null ? StoreDtype.FLOAT32 : StoreDtype.parse(m.dtype());
            } catch (IllegalArgumentException e) {
                throw error(key + ".dtype", e.getMessage());
            }
            Aggregation aggregation;
            try {
                aggregation = m.aggregate() == null ? Aggregation.LAST : Aggregation.parse(m.aggregate());
            } catch (ProbeException e) {
                throw error(key + ".aggregate", e.getMessage());
            }
            models.add(new ModelEntry(name, model, layers, dtype, aggregation,
                    randomInit(key + ".random_init", m.randomInit())));
        }
        return models;
    }

    /** {@code random_init}: an integer seed, or absent (null) for the checkpoint's weights. */
    private Long randomInit(String key, JsonNode node) throws ProbeException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(key, "must be an integer seed (the weights are re-initialised as extract --random-init SEED"
                    + " does), found " + node);
        }
        return node.longValue();
    }

    private String modelSpec(String key, String spec) throws ProbeException {
        if (ModelRepository.alias(spec).isPresent()) {
            return spec;
        }
        Path folder = resolve(spec);
        if (!Files.isDirectory(folder)) {
            throw error(key, "no such model folder '" + spec + "' (" + folder + "), nor an alias ("
                    + ModelAlias.KNOWN.stream().map(ModelAlias::name).collect(Collectors.joining(", ")) + ")");
        }
        return folder.toString();
    }

    private List<Integer> layers(String key, JsonNode node) throws ProbeException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        String text;
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(element.asText()));
            text = String.join(",", parts);
        } else if (node.isValueNode()) {
            text = node.asText();
        } else {
            throw error(key, "expected all, a list such as 0,3-6, or a YAML list of layer numbers");
        }
        try {
            return ExtractionRequest.layers(text);
        } catch (InvalidRequest e) {
            throw error(key, e.problem());
        }
    }

    private List<TaskEntry> tasks(List<RawTask> raw) throws ProbeException {
        if (raw == null || raw.isEmpty()) {
            throw error("tasks", "at least one task is required (name, column, train, dev)");
        }
        Map<String, String> names = new HashMap<>();
        List<TaskEntry> tasks = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String key = "tasks[" + i + "]";
            RawTask t = raw.get(i);
            if (t == null) {
                throw error(key, "empty entry; expected name, column, train, dev, test");
            }
            String name = name(key, t.name(), names);
            CorpusFormat format;
            try {
                format = t.format() == null ? null : CorpusFormat.parse(t.format());
            } catch (ProbeException e) {
                throw error(key + ".format", e.getMessage());
            }
            int tokenColumn = t.tokenColumn() == null ? 1 : t.tokenColumn();
            Map<String, String> given = new LinkedHashMap<>();
            given.put("train", t.train());
            given.put("dev", t.dev());
            given.put("test", t.test());
            Map<String, Path> splits = new LinkedHashMap<>();
            for (Map.Entry<String, String> split : given.entrySet()) {
                String splitKey = key + "." + split.getKey();
                if (split.getValue() == null || split.getValue().isBlank()) {
                    if (split.getKey().equals("test")) {
                        continue;
                    }
                    throw error(splitKey, "required: the " + split.getKey() + " corpus file");
                }
                Path corpus = resolve(split.getValue());
                CorpusFormat fileFormat = format != null ? format : detect(splitKey, corpus);
                requireCorpus(splitKey, split.getValue(), corpus, fileFormat);
                checkColumns(key, fileFormat, t.column(), tokenColumn);
                splits.put(split.getKey(), corpus);
            }
            tasks.add(new TaskEntry(name, format, t.column(), tokenColumn, splits));
        }
        return tasks;
    }

    private CorpusFormat detect(String key, Path corpus) throws ProbeException {
        try {
            return CorpusFormat.detect(corpus);
        } catch (ProbeException e) {
            throw error(key, "cannot tell the corpus format from the file name " + corpus.getFileName()
                    + "; add format: conllu, tsv or neurox to the task");
        }
    }

    private void requireCorpus(String key, String written, Path corpus, CorpusFormat format) throws ProbeException {
        List<Path> needed = format == CorpusFormat.NEUROX
                ? List.of(NeuroxReader.inFile(corpus), NeuroxReader.labelFile(corpus)) : List.of(corpus);
        for (Path path : needed) {
            if (!Files.isRegularFile(path)) {
                String shown = path.equals(corpus) ? "'" + written + "' (" + path + ")" : path.toString();
                throw error(key, "no such file " + shown);
            }
        }
    }

    private void checkColumns(String key, CorpusFormat format, String column, int tokenColumn)
            throws ProbeException {
        if (format != CorpusFormat.TSV && tokenColumn != 1) {
            throw error(key + ".token_column", "applies to TSV corpora only, not " + format.id());
        }
        try {
            Corpora.reader(format, column, tokenColumn);
        } catch (ProbeException e) {
            throw error(key + ".column", e.getMessage());
        }
    }

    private RankSettings rank(RawRank raw) throws ProbeException {
        RankSettings d = PipelineConfig.DEFAULT_RANK;
        if (raw == null) {
            return d;
        }
        List<Double> gridValues = new ArrayList<>();
        boolean grid = grid(raw.grid(), gridValues);
        try {
            ProbeOptions options = d.options()
                    .withPenalties(raw.l1() == null ? d.options().l1() : raw.l1(),
                            raw.l2() == null ? d.options().l2() : raw.l2())
                    .withSeed(raw.seed() == null ? d.options().seed() : raw.seed());
            return new RankSettings(null, null, options, raw.delta() == null ? d.delta() : raw.delta(),
                    grid ? (gridValues.isEmpty() ? RankSettings.defaultGrid() : gridValues) : null,
                    raw.control() == null ? d.control() : raw.control(),
                    raw.method() == null ? d.method() : RankMethod.parse(raw.method()),
                    raw.cap() == null ? d.cap() : raw.cap());
        } catch (InvalidRequest e) {
            throw error("rank." + e.field(), e.problem());
        }
    }

    /** {@code grid}: false/absent, true (the command's grid), or a non-empty list of λ values. */
    private boolean grid(JsonNode node, List<Double> values) throws ProbeException {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (!node.isArray()) {
            throw error("rank.grid", "expected false, true or a list of λ values such as [0, 1e-4, 1e-3], found '"
                    + node.asText() + "'");
        }
        if (node.isEmpty()) {
            throw error("rank.grid", "empty list: give λ values such as [0, 1e-4, 1e-3], or false for no grid");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            double v;
            try {
                v = element.isNumber() ? element.doubleValue() : Double.parseDouble(element.asText().strip());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v >= 0) || Double.isInfinite(v) || element.isContainerNode()) {
                throw error("rank.grid[" + i + "]", "expected a finite λ >= 0, found '" + element.asText() + "'");
            }
            values.add(v);
        }
        return true;
    }

    private String name(String key, String name, Map<String, String> seen) throws ProbeException {
        if (name == null || name.isBlank()) {
            throw error(key + ".name", "required: a short name used in output folders");
        }
        String n = name.strip();
        if (!NAME.matcher(n).matches()) {
            throw error(key + ".name", "'" + n + "' must be letters, digits, '.', '-' or '_' (it names a folder)");
        }
        String earlier = seen.putIfAbsent(n, key);
        if (earlier != null) {
            throw error(key + ".name", "duplicate name '" + n + "' (also " + earlier + ")");
        }
        return n;
    }

    private Path resolve(String path) {
        return base.resolve(path.strip()).normalize();
    }

    private ProbeException error(String keyPath, String message) {
        return new ProbeException(file, keyPath + ": " + message);
    }
}
