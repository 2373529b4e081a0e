package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.rank.RankSettings;
import dev.probe.rank.RankingResult;
import dev.probe.report.RankingFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The provenance a ranking made by this configuration records in its {@code ranking.json}: the SHA-256 of each input
 * store's {@code manifest.json} and the settings asked for ({@link RankSettings}, compared for equality). A ranking
 * that records both is kept; anything else is ranked again.
 *
 * @param storeManifests split name → SHA-256 of that store's {@code manifest.json}
 * @param settings the settings the ranking is made with
 */
public record RankExpectation(Map<String, String> storeManifests, RankSettings settings) {

    /** Copies the map. */
    public RankExpectation {
        storeManifests = Collections.unmodifiableMap(new LinkedHashMap<>(storeManifests));
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * The expectation for rankings of these stores.
     *
     * @param stores split name → store folder
     * @param settings the settings
     * @throws ProbeException when a store's manifest cannot be read
     */
    public static RankExpectation of(Map<String, Path> stores, RankSettings settings) throws ProbeException {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> store : stores.entrySet()) {
            hashes.put(store.getKey(), ActivationStore.manifestSha256(store.getValue()));
        }
        return new RankExpectation(hashes, settings);
    }

    /**
     * Whether the ranking in {@code dir} can be kept.
     *
     * @return fresh, or stale with the first difference found ({@code "missing"} when there is no ranking)
     */
    public Check check(Path dir) {
        if (!Files.exists(dir)) {
            return Check.stale(Check.MISSING);
        }
        RankingResult found;
        try {
            found = RankingFiles.read(dir.resolve(RankingFiles.FILE_NAME));
        } catch (ProbeException e) {
            return Check.stale("no readable " + RankingFiles.FILE_NAME + " (" + e.getMessage() + ")");
        }
        if (found.formatVersion() != RankingResult.FORMAT_VERSION) {
            return Check.stale("ranking format " + found.formatVersion() + " ≠ " + RankingResult.FORMAT_VERSION
                    + " (made by another version of the tool)");
        }
        Map<String, String> recorded = found.inputs().storeManifests();
        if (!Objects.equals(recorded, storeManifests)) {
            return Check.stale(recorded != null && recorded.keySet().equals(storeManifests.keySet())
                    ? "input stores changed" : "input splits " + (recorded == null ? "[]" : recorded.keySet())
                    + " ≠ " + storeManifests.keySet());
        }
        if (!settings.equals(found.request())) {
            return Check.stale("settings changed: " + difference(found.request()));
        }
        return Check.fresh();
    }

    /** The first setting that differs, in words. */
    private String difference(RankSettings was) {
        if (was == null) {
            return "none recorded";
        }
        if (!Objects.equals(was.label(), settings.label())) {
            return "label " + was.label() + " ≠ " + settings.label();
        }
        if (Double.compare(was.delta(), settings.delta()) != 0) {
            return "δ " + was.delta() + " ≠ " + settings.delta();
        }
        if (!Objects.equals(was.grid(), settings.grid())) {
            return "λ grid " + was.grid() + " ≠ " + settings.grid();
        }
        if (was.control() != settings.control()) {
            return settings.control() ? "no control task was run" : "a control task was run";
        }
        if (was.options().l1() != settings.options().l1() || was.options().l2() != settings.options().l2()) {
            return "λ1, λ2 " + was.options().l1() + ", " + was.options().l2() + " ≠ " + settings.options().l1() + ", "
                    + settings.options().l2();
        }
        if (was.options().seed() != settings.options().seed()) {
            return "seed " + was.options().seed() + " ≠ " + settings.options().seed();
        }
        return "probe options " + was.options() + " ≠ " + settings.options();
    }
}
