package dev.probe.activations.store;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Shard stores checked to be one corpus's parts: extracted by the same tool and libraries, from the same model with the
 * same settings, from the same corpus bytes, cut the same way, and together covering every sentence once. Anything else
 * is refused naming the shard's manifest and the first disagreement.
 *
 * @param dirs the shard folders, in row order
 * @param manifests their manifests, in the same order
 */
public record ShardSet(List<Path> dirs, List<StoreManifest> manifests) {
    /** Copies the lists. */
    public ShardSet {
        dirs = List.copyOf(dirs);
        manifests = List.copyOf(manifests);
    }

    /**
     * Reads and checks the manifests of shard stores given in any order.
     *
     * @throws ProbeException naming a shard's manifest when it is not a shard, disagrees with the first shard, repeats
     *     or overlaps another, or when the shards leave a gap
     */
    public static ShardSet read(List<Path> shardDirs) throws ProbeException {
        List<StoreManifest> manifests = new ArrayList<>();
        for (Path dir : shardDirs) {
            manifests.add(StoreManifest.read(dir));
        }
        return of(shardDirs, manifests, StoreManifest.FILE_NAME);
    }

    /**
     * Checks the manifests of shards given in any order (stores, or statistics folders with the manifests their
     * stores would have had).
     *
     * @param marker the file in each folder that errors name
     * @throws ProbeException as {@link #read}
     */
    public static ShardSet of(List<Path> dirs, List<StoreManifest> manifests, String marker) throws ProbeException {
        if (dirs.isEmpty() || dirs.size() != manifests.size()) {
            throw new IllegalArgumentException("one manifest per shard folder, at least one");
        }
        for (int i = 0; i < dirs.size(); i++) {
            StoreManifest m = manifests.get(i);
            if (m.shard() == null) {
                throw new ProbeException(dirs.get(i).resolve(marker), "not a shard: it was extracted without --shard"
                        + (m.merged() != null ? " (it is already merged)" : ""));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> manifests.get(i).shard().firstSentence())
                .thenComparingInt(i -> manifests.get(i).shard().index()));
        ShardSet set = new ShardSet(order.stream().map(dirs::get).toList(), order.stream().map(manifests::get).toList());
        set.check(marker);
        return set;
    }

    /**
     * The manifest of the whole corpus these shards make up: the first shard's, with the corpus's counts, the labels
     * and batches summed, and {@code parts} recorded.
     */
    public StoreManifest merged(MergedShards parts) {
        long subwords = 0;
        int windowed = 0;
        int batches = 0;
        Map<String, Long> labels = new TreeMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (StoreManifest m : manifests) {
            subwords += m.counts().subwords();
            windowed += m.counts().windowedSentences();
            batches += m.batching().batches();
            m.labels().forEach((label, n) -> labels.merge(label, n, Long::sum));
            if (m.extra() != null) {
                m.extra().forEach((key, value) -> extra.merge(key, value, ShardSet::sum));
            }
        }
        StoreManifest first = manifests.get(0);
        ShardRange cut = first.shard();
        BatchPlan plan = first.batching();
        return first.asMerged(Provenance.now(), new StoreManifest.Counts(cut.corpusSentences(), cut.corpusWords(),
                subwords, windowed), labels, new BatchPlan(plan.tokenBudget(), plan.maxBatch(),
                plan.blockSentences(), batches), extra.isEmpty() ? null : extra, parts);
    }

    /** Adds whole-number extras (counts such as {@code empty_words}); keeps the first value of anything else. */
    private static Object sum(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(b instanceof Double)) {
            return x.longValue() + y.longValue();
        }
        return a;
    }

    private void check(String marker) throws ProbeException {
        StoreManifest first = manifests.get(0);
        for (int i = 0; i < manifests.size(); i++) {
            String difference = difference(first, manifests.get(i));
            if (difference != null) {
                throw new ProbeException(dirs.get(i).resolve(marker), "cannot merge with " + dirs.get(0) + ": "
                        + difference);
            }
        }
        ShardRange cut = first.shard();
        int sentence = 0;
        long row = 0;
        for (int i = 0; i < manifests.size(); i++) {
            ShardRange s = manifests.get(i).shard();
            if (s.firstSentence() < sentence) {
                throw new ProbeException(dirs.get(i).resolve(marker), "shard " + s.label() + " (sentences "
                        + s.firstSentence() + ".." + (s.endSentence() - 1) + ") overlaps " + dirs.get(i - 1));
            }
            if (s.firstSentence() > sentence || s.firstRow() != row) {
                throw new ProbeException(dirs.get(i).resolve(marker), "gap before shard " + s.label() + ": sentences "
                        + sentence + ".." + (s.firstSentence() - 1) + " are in no shard given");
            }
            sentence = s.endSentence();
            row = s.endRow();
        }
        if (sentence != cut.corpusSentences() || row != cut.corpusWords()) {
            throw new ProbeException(dirs.get(dirs.size() - 1).resolve(marker), "gap after shard "
                    + manifests.get(manifests.size() - 1).shard().label() + ": sentences " + sentence + ".."
                    + (cut.corpusSentences() - 1) + " are in no shard given");
        }
    }

    /** The first way {@code b} cannot be merged with {@code a}, in words; null when it can. */
    static String difference(StoreManifest a, StoreManifest b) {
        String model = a.model().differenceFrom(b.model());
        if (model != null) {
            return "model: " + model;
        }
        if (!Objects.equals(a.model().weightsSha256(), b.model().weightsSha256())
                || !Objects.equals(a.model().tokenizerSha256(), b.model().tokenizerSha256())) {
            return "model: the weights or tokenizer digests differ";
        }
        String tool = toolDifference(a.tool(), b.tool());
        if (tool != null) {
            return tool;
        }
        if (!a.input().sha256().equals(b.input().sha256()) || !a.input().format().equals(b.input().format())) {
            return "input: another corpus (sha256 " + b.input().sha256() + " vs " + a.input().sha256() + ")";
        }
        if (!a.input().columns().equals(b.input().columns())
                || !a.input().defaultLabel().equals(b.input().defaultLabel())) {
            return "input: other annotation columns or default label";
        }
        if (!a.point().equals(b.point()) || !a.layers().equals(b.layers()) || a.width() != b.width()) {
            return "settings: point " + b.point() + " layers " + b.layers() + " vs " + a.point() + " " + a.layers();
        }
        if (!a.dtype().equals(b.dtype()) || !a.aggregation().equals(b.aggregation())) {
            return "settings: dtype " + b.dtype() + ", aggregation " + b.aggregation() + " vs " + a.dtype() + ", "
                    + a.aggregation();
        }
        if (!a.windowing().equals(b.windowing())) {
            return "settings: windowing differs";
        }
        if (a.batching() == null || b.batching() == null || !a.batching().sameSettings(b.batching())) {
            return "settings: batching (--batch-tokens, --batch-size, --plan-block) differs";
        }
        ShardRange x = a.shard();
        ShardRange y = b.shard();
        if (x.count() != y.count() || x.corpusSentences() != y.corpusSentences() || x.corpusWords() != y.corpusWords()) {
            return "the corpus was cut differently: shard " + y.label() + " of " + y.corpusSentences()
                    + " sentences vs " + x.label() + " of " + x.corpusSentences();
        }
        return null;
    }

    private static String toolDifference(Provenance a, Provenance b) {
        if (!Objects.equals(a.version(), b.version()) || !Objects.equals(a.djl(), b.djl())
                || !Objects.equals(a.libtorch(), b.libtorch())) {
            return "tool: extracted by probe " + b.version() + " (DJL " + b.djl() + ", libtorch " + b.libtorch()
                    + ") vs probe " + a.version() + " (DJL " + a.djl() + ", libtorch " + a.libtorch() + ")";
        }
        if (!Objects.equals(a.cpus(), b.cpus())) {
            return "tool: extracted with " + b.cpus() + " vs " + a.cpus() + " processors (the last bits of a forward"
                    + " pass can depend on the thread count)";
        }
        return null;
    }
}
