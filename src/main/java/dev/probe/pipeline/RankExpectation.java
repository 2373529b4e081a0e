package dev.probe.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.probe.ProbeException;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Hashes;
import dev.probe.io.Json;
import dev.probe.rank.RankingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The provenance a ranking made by this configuration records in its {@code ranking.json} (see
 * {@code dev.probe.rank.RankingResult}): the SHA-256 of each input store's {@code manifest.json} and the analysis
 * settings. A ranking that records both is kept; anything else is ranked again.
 *
 * <p>{@code ranking.json} is read as a tree, by its snake_case keys: {@code inputs.store_manifests},
 * {@code settings.{delta, l1, l2, seed}}, {@code grid.rows[].l1} and {@code oracle.selectivity} (a number only when a
 * control task was run).
 *
 * @param storeManifests split name → SHA-256 of that store's {@code manifest.json}
 * @param settings the configured ranking settings
 */
public record RankExpectation(Map<String, String> storeManifests, PipelineConfig.RankSettings settings) {
    /** The ranking's main file inside its folder. */
    public static final String FILE_NAME = "ranking.json";

    /** Copies the map. */
    public RankExpectation {
        storeManifests = Collections.unmodifiableMap(new LinkedHashMap<>(storeManifests));
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * The expectation for rankings of these stores.
     *
     * @param stores split name → store folder
     * @param settings the configured settings
     * @throws ProbeException when a store's manifest cannot be read
     */
    public static RankExpectation of(Map<String, Path> stores, PipelineConfig.RankSettings settings)
            throws ProbeException {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> store : stores.entrySet()) {
            Path manifest = store.getValue().resolve(StoreManifest.FILE_NAME);
            try {
                hashes.put(store.getKey(), Hashes.sha256(manifest));
            } catch (IOException e) {
                throw new ProbeException(manifest, "cannot read: " + e.getMessage(), e);
            }
        }
        return new RankExpectation(hashes, settings);
    }

    /**
     * Whether the ranking in {@code dir} can be kept.
     *
     * @return fresh, or stale with the first difference found ({@code "missing"} when there is no ranking)
     */
    public Check check(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(dir)) {
            return Check.stale(Check.MISSING);
        }
        JsonNode root;
        try {
            root = Json.reader(JsonNode.class).readTree(Files.readString(file));
        } catch (IOException e) {
            return Check.stale("no readable " + FILE_NAME + " (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            return Check.stale(FILE_NAME + " is not a JSON object");
        }
        int version = root.path("format_version").asInt(0);
        if (version != RankingResult.FORMAT_VERSION) {
            return Check.stale("ranking format " + version + " ≠ " + RankingResult.FORMAT_VERSION
                    + " (made by another version of the tool)");
        }
        JsonNode recorded = root.path("inputs").path("store_manifests");
        Map<String, String> found = new LinkedHashMap<>();
        recorded.properties().forEach(e -> found.put(e.getKey(), e.getValue().asText()));
        if (!found.equals(storeManifests)) {
            return Check.stale(found.keySet().equals(storeManifests.keySet()) ? "input stores changed"
                    : "input splits " + found.keySet() + " ≠ " + storeManifests.keySet());
        }
        JsonNode s = root.path("settings");
        if (!same(number(s.path("delta")), settings.delta())) {
            return Check.stale(String.format(Locale.ROOT, "δ %s ≠ %s", s.path("delta").asText(), settings.delta()));
        }
        if (s.path("seed").asLong(Long.MIN_VALUE) != settings.seed()) {
            return Check.stale("seed " + s.path("seed").asText() + " ≠ " + settings.seed());
        }
        Check grid = checkPenalties(root.path("grid"), s);
        if (!grid.upToDate()) {
            return grid;
        }
        boolean controlRun = Double.isFinite(number(root.path("oracle").path("selectivity")));
        if (controlRun != settings.control()) {
            return Check.stale(settings.control() ? "no control task was run" : "a control task was run");
        }
        return Check.fresh();
    }

    private Check checkPenalties(JsonNode grid, JsonNode s) {
        boolean searched = grid.isObject();
        if (searched != settings.grid()) {
            return Check.stale(settings.grid() ? "no λ grid was searched" : "a λ grid was searched");
        }
        if (!searched) {
            if (!same(number(s.path("l1")), settings.l1()) || !same(number(s.path("l2")), settings.l2())) {
                return Check.stale("λ1, λ2 " + s.path("l1").asText() + ", " + s.path("l2").asText() + " ≠ "
                        + settings.l1() + ", " + settings.l2());
            }
            return Check.fresh();
        }
        if (settings.gridValues().isEmpty()) {
            return Check.fresh();
        }
        List<Double> tried = new ArrayList<>();
        grid.path("rows").forEach(row -> tried.add(number(row.path("l1"))));
        boolean allTried = settings.gridValues().stream().allMatch(v -> tried.stream().anyMatch(t -> same(t, v)));
        boolean onlyThose = tried.stream().allMatch(t -> settings.gridValues().stream().anyMatch(v -> same(t, v)));
        return allTried && onlyThose ? Check.fresh() : Check.stale("λ grid values changed");
    }

    /** A number, also from {@code "NaN"}-style text; NaN when absent. */
    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
