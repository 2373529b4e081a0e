package dev.probe.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of output this tool writes, each recognised by a marker file holding a JSON object with known keys. Only
 * an existing output of the same kind may be replaced with {@code --force} ({@link OutputGuard}).
 */
public enum OutputKind {
    /** An activation store ({@code probe extract}). */
    STORE("an activation store", "manifest.json", List.of("format_version", "counts", "neurons")),
    /** A statistics folder ({@code probe extract --stats-only}, {@code probe merge} of such folders). */
    STATISTICS("a statistics folder", "class-statistics.json", List.of("format_version", "labels", "counts",
            "extraction")),
    /** A probe folder ({@code probe train}). */
    PROBE("a probe folder", "probe.json", List.of("format_version", "neurons", "metrics")),
    /** A rank output folder ({@code probe rank}). */
    RANKING("a rank output folder", "ranking.json", List.of("format_version", "minimal_set", "ordering")),
    /** A ranker benchmark folder ({@code probe bench-rankers}). */
    BENCHMARK("a ranker benchmark folder", "bench.json", List.of("format_version", "methods", "consensus")),
    /** A cluster output folder ({@code probe cluster}). */
    CLUSTERS("a cluster output folder", "clusters.json", List.of("format_version", "groups", "threshold")),
    /** A neuron census folder ({@code probe census}). */
    CENSUS("a census folder", "census.json", List.of("format_version", "layers", "top", "histogram")),
    /** A layers folder ({@code probe layers}). */
    LAYERS("a layers folder", "layers.json", List.of("format_version", "layers", "settings")),
    /** An intervention folder ({@code probe intervene}). */
    INTERVENTION("an intervention folder", "intervention.json", List.of("format_version", "effects", "sets")),
    /** A folder of neuron pages ({@code probe neuron}). */
    NEURON("a neuron folder", "neurons.json", List.of("format_version", "profiles", "label_column")),
    /** A model folder imported from ONNX ({@code probe models import-onnx}, the model cache). */
    MODEL("an imported model folder", "import.json", List.of("kind", "source", "mapping")),
    /** A comparison: {@code FILE.md} with {@code FILE.json} beside it ({@code probe compare --out}). */
    COMPARISON("a comparison written by probe compare", null, List.of("rows", "models", "problems")),
    /**
     * A comparison page: {@code PAGE.html} with its charts beside it ({@code probe compare --html}), recognised by
     * {@link OutputGuard#PAGE_MARKER} in the page rather than by a JSON marker.
     */
    COMPARISON_PAGE("a comparison page written by probe compare", null, List.of());

    private static final long MAX_MARKER_BYTES = 256L << 20;

    private final String description;
    private final String marker;
    private final List<String> keys;

    OutputKind(String description, String marker, List<String> keys) {
        this.description = description;
        this.marker = marker;
        this.keys = keys;
    }

    /** "an activation store", "a probe folder", … */
    public String description() {
        return description;
    }

    /** Whether the output is a folder (all but {@link #COMPARISON} and {@link #COMPARISON_PAGE}, which are files). */
    public boolean isFolder() {
        return marker != null;
    }

    /** The marker file inside a folder output ({@code manifest.json}, …), or {@code null} for a file output. */
    public String marker() {
        return marker;
    }

    /**
     * Whether {@code json} is this kind's marker: a regular file (not a link) holding a JSON object with every key.
     * Never throws: an unreadable or malformed file is simply not a marker.
     */
    public boolean isMarker(Path json) {
        if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(json, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(MAX_MARKER_BYTES, Integer.MAX_VALUE - 8));
            JsonNode root = new ObjectMapper().readTree(bytes);
            return root != null && root.isObject() && keys.stream().allMatch(root::has);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The kind of folder output {@code dir} is, if it is one this tool wrote. */
    public static Optional<OutputKind> ofFolder(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        for (OutputKind kind : values()) {
            if (kind.isFolder() && kind.isMarker(dir.resolve(kind.marker))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
