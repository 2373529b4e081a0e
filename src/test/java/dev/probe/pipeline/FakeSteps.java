package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Corpus;
import dev.probe.corpus.CorpusFormat;
import dev.probe.io.Hashes;
import dev.probe.io.Json;
import dev.probe.rank.RankingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A step executor that writes only what the pipeline checks: a store's {@code manifest.json} (with the provenance the
 * real {@code extract} would record, from the arguments), a {@code ranking.json} made with {@link RankingResult}, and
 * a comparison; it records every call.
 */
final class FakeSteps implements StepExecutor {
    /** A four-unit "model": width of every fake store. */
    static final int WIDTH = 4;

    final List<List<String>> calls = new ArrayList<>();
    private Predicate<List<String>> failing = args -> false;

    /** Makes the steps whose arguments match fail with exit code 2. */
    FakeSteps failWhen(Predicate<List<String>> condition) {
        this.failing = condition;
        return this;
    }

    /** How many times {@code probe kind …} ran. */
    long count(String kind) {
        return calls.stream().filter(c -> c.get(0).equals(kind)).count();
    }

    /** The calls of one kind. */
    List<List<String>> calls(String kind) {
        return calls.stream().filter(c -> c.get(0).equals(kind)).toList();
    }

    /** Forgets the calls. */
    void reset() {
        calls.clear();
    }

    @Override
    public int execute(List<String> args, PrintWriter out, PrintWriter err) {
        calls.add(args);
        if (failing.test(args)) {
            err.println("probe: " + option(args, "--input") + ":3: something is wrong");
            return 2;
        }
        try {
            switch (args.get(0)) {
                case "extract" -> extract(args);
                case "rank" -> rank(args);
                case "compare" -> compare(args, out);
                default -> throw new IllegalArgumentException("unexpected step " + args);
            }
        } catch (IOException | ProbeException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }

    private static void extract(List<String> args) throws IOException, ProbeException {
        String model = option(args, "--model");
        String format = option(args, "--format");
        Corpus corpus = Corpora.read(Path.of(option(args, "--input")),
                format == null ? null : CorpusFormat.parse(format), option(args, "--column"));
        List<Integer> layers = new ArrayList<>();
        if (option(args, "--layers").equals("all")) {
            layers.addAll(List.of(0, 1, 2));
        } else {
            for (String layer : option(args, "--layers").split(",")) {
                layers.add(Integer.parseInt(layer));
            }
        }
        StoreManifest manifest = new StoreManifest(StoreManifest.FORMAT_VERSION, Provenance.now(),
                new StoreManifest.ModelRef(model, "bert", model, Hashes.sha256(Path.of(model, "config.json")),
                        digest(Path.of(model, "model.safetensors")), digest(Path.of(model, "tokenizer.json"))),
                "hidden", layers, WIDTH, WIDTH * layers.size(), option(args, "--dtype"), option(args, "--aggregate"),
                new StoreManifest.InputRef(corpus.file().toString(), corpus.sha256(), corpus.format().id(),
                        corpus.labelColumn()),
                new StoreManifest.Counts(corpus.sentences().size(), corpus.wordCount(), corpus.wordCount(), 0),
                new StoreManifest.Windowing(512, 255, "fake"), Map.of(), null);
        Path out = Path.of(option(args, "--out"));
        deleteTree(out);
        Files.createDirectories(out);
        manifest.write(out);
    }

    /** The digest the real extract would record (through the digest cache: the same value), or null without a file. */
    private static String digest(Path file) throws IOException {
        return Files.isRegularFile(file) ? Hashes.sha256(file) : null;
    }

    private static void rank(List<String> args) throws IOException {
        Map<String, String> stores = new LinkedHashMap<>();
        Map<String, String> manifests = new LinkedHashMap<>();
        for (String split : PipelineConfig.SPLITS) {
            String store = option(args, "--" + split);
            if (store != null) {
                stores.put(split, store);
                manifests.put(split, Hashes.sha256(Path.of(store, StoreManifest.FILE_NAME)));
            }
        }
        double l1 = Double.parseDouble(option(args, "--l1"));
        double l2 = Double.parseDouble(option(args, "--l2"));
        RankingResult.Grid grid = null;
        if (args.contains("--grid")) {
            String values = option(args, "--grid-values");
            List<RankingResult.GridRow> rows = new ArrayList<>();
            for (String v : (values == null ? "0,0.001,0.01" : values).split(",")) {
                for (String w : (values == null ? "0,0.001,0.01" : values).split(",")) {
                    rows.add(new RankingResult.GridRow(Double.parseDouble(v), Double.parseDouble(w), 0.9, 0.8, 0.1,
                            null));
                }
            }
            grid = new RankingResult.Grid(rows, rows.get(0).l1(), rows.get(0).l2(), "fake");
            l1 = grid.chosenL1();
            l2 = grid.chosenL2();
        }
        double selectivity = args.contains("--control") ? 0.25 : Double.NaN;
        RankingResult result = new RankingResult(RankingResult.FORMAT_VERSION, Provenance.now(),
                new RankingResult.Inputs("fake", "bert", "0", "hidden", List.of(0, 1, 2), WIDTH, 3 * WIDTH, "xpos",
                        stores, manifests, null),
                new RankingResult.Settings(l1, l2, Double.parseDouble(option(args, "--delta")), new double[] {0.1},
                        Long.parseLong(option(args, "--seed"))),
                new int[0], new int[0], new RankingResult.Oracle(0.9, Double.NaN, selectivity, null, null), null, List.of(),
                List.of(), Map.of(), null, List.of(), grid, 0.5);
        Path out = Path.of(option(args, "--out"));
        deleteTree(out);
        Files.createDirectories(out);
        Files.writeString(out.resolve(RankExpectation.FILE_NAME), Json.writer(RankingResult.class)
                .writeValueAsString(result));
    }

    /** Like {@code compare --out FILE.md}: the Markdown there, the JSON in {@code FILE.json}. */
    private static void compare(List<String> args, PrintWriter out) throws IOException {
        long rankings = args.stream().filter(a -> a.endsWith("rank")).count();
        Path md = Path.of(option(args, "--out"));
        Files.writeString(md, "| rankings |\n|---|\n| " + rankings + " |\n");
        Files.writeString(md.resolveSibling("comparison.json"), "{\"rankings\": " + rankings + "}\n");
        out.print(Files.readString(md));
    }

    /** The value after {@code name}, or null. */
    static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i < 0 ? null : args.get(i + 1);
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

    /** The split names of a rank call, in order. */
    static Set<String> splits(List<String> rankArgs) {
        Set<String> splits = new java.util.LinkedHashSet<>();
        for (String split : PipelineConfig.SPLITS) {
            if (rankArgs.contains("--" + split)) {
                splits.add(split);
            }
        }
        return splits;
    }
}
