package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Corpus;
import dev.probe.io.Hashes;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankingResult;
import dev.probe.report.Comparison;
import dev.probe.report.RankingFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Stages that write only what the pipeline checks: a store's {@code manifest.json} (with the provenance the real
 * extraction would record, from the request), a {@code ranking.json} recording the request, and a comparison; they
 * record every request. The comparison page is a stub naming the number of rankings.
 */
final class FakeStages implements Stages {
    /** A four-unit "model": width of every fake store. */
    static final int WIDTH = 4;

    final List<ExtractionRequest> extracts = new ArrayList<>();
    final List<RankRequest> ranks = new ArrayList<>();
    final List<Comparison> comparisons = new ArrayList<>();
    private Predicate<ExtractionRequest> failing = r -> false;

    /** Makes the extractions matching the condition fail with an input error. */
    FakeStages failWhen(Predicate<ExtractionRequest> condition) {
        this.failing = condition;
        return this;
    }

    /** Forgets the requests. */
    void reset() {
        extracts.clear();
        ranks.clear();
        comparisons.clear();
    }

    @Override
    public StoreManifest extract(ExtractionRequest r) throws ProbeException {
        extracts.add(r);
        if (failing.test(r)) {
            throw new ProbeException(r.input(), 3, "something is wrong", null);
        }
        Corpus corpus = Corpora.read(r.input(), r.format(), r.column(), r.tokenColumn());
        String model = r.model().spec();
        List<Integer> layers = r.layers().isEmpty() ? List.of(0, 1, 2) : r.layers();
        try {
            StoreManifest manifest = new StoreManifest(StoreManifest.FORMAT_VERSION, Provenance.now(),
                    new StoreManifest.ModelRef(model, "bert", model, Hashes.sha256(Path.of(model, "config.json")),
                            digest(Path.of(model, "model.safetensors")), digest(Path.of(model, "tokenizer.json"))),
                    "hidden", layers, WIDTH, WIDTH * layers.size(), r.dtype().typeName(), r.aggregation().id(),
                    new StoreManifest.InputRef(corpus.file().toString(), corpus.sha256(), corpus.format().id(),
                            corpus.columns(), corpus.labelColumn()),
                    new StoreManifest.Counts(corpus.sentences().size(), corpus.wordCount(), corpus.wordCount(), 0),
                    new StoreManifest.Windowing(512, 255, "fake"), Map.of(), null);
            deleteTree(r.out());
            Files.createDirectories(r.out());
            manifest.write(r.out());
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest the real extract would record (through the digest cache: the same value), or null without a file. */
    private static String digest(Path file) throws IOException {
        return Files.isRegularFile(file) ? Hashes.sha256(file) : null;
    }

    @Override
    public RankingResult rank(RankRequest r) {
        ranks.add(r);
        Map<String, String> stores = new LinkedHashMap<>();
        Map<String, String> manifests = new LinkedHashMap<>();
        Map<String, Path> given = new LinkedHashMap<>();
        given.put("train", r.train());
        given.put("dev", r.dev());
        given.put("test", r.test());
        try {
            for (Map.Entry<String, Path> e : given.entrySet()) {
                if (e.getValue() != null) {
                    stores.put(e.getKey(), e.getValue().toString());
                    manifests.put(e.getKey(), Hashes.sha256(e.getValue().resolve(StoreManifest.FILE_NAME)));
                }
            }
            double selectivity = r.settings().control() ? 0.25 : Double.NaN;
            RankingResult result = new RankingResult(RankingResult.FORMAT_VERSION, Provenance.now(),
                    new RankingResult.Inputs("fake", "bert", "0", "hidden", List.of(0, 1, 2), WIDTH, 3 * WIDTH,
                            r.settings().label(), stores, manifests, null),
                    new RankingResult.Settings(r.settings().options().l1(), r.settings().options().l2(),
                            r.settings().delta(), new double[] {0.1}, r.settings().options().seed()),
                    new int[0], new int[0], new RankingResult.Oracle(0.9, Double.NaN, selectivity, null, null),
                    new RankingResult.MinimalSet(1, 0.1, 0.9, Double.NaN, new int[] {0}), List.of(), List.of(),
                    Map.of(), null, List.of(), null, 0.5, r.settings());
            deleteTree(r.out());
            Files.createDirectories(r.out());
            RankingFiles.write(r.out(), result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void compare(Comparison comparison, List<Comparison.Run> runs, Path markdown, Path html, boolean force) {
        comparisons.add(comparison);
        try {
            Files.writeString(html, "<html><body>" + runs.size() + " rankings</body></html>\n");
            Files.writeString(markdown, "| rankings |\n|---|\n| " + comparison.rows().size() + " |\n");
            Files.writeString(markdown.resolveSibling("comparison.json"), "{\"rankings\": " + comparison.rows().size()
                    + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
