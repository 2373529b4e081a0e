package dev.probe.rank.stats;

import dev.probe.ProbeException;
import dev.probe.activations.store.MergedShards;
import dev.probe.activations.store.ShardMerge;
import dev.probe.activations.store.ShardSet;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code probe merge} of statistics folders ({@code probe extract --stats-only --shard i/n}): checks that the shards
 * make up one corpus as {@link ShardSet} does for stores, then adds their statistics ({@link ClassStatistics#merge},
 * exact and associative, so the result is the whole corpus's statistics bit for bit).
 */
public final class StatisticsMerge {
    private StatisticsMerge() {
    }

    /** Whether {@code dir} holds statistics made by {@code --stats-only} rather than an activation store. */
    public static boolean isStatistics(Path dir) {
        return OutputKind.STATISTICS.isMarker(dir.resolve(StatisticsFiles.JSON));
    }

    /**
     * Merges shards' statistics folders into a new folder at {@code out}.
     *
     * @return the manifest of the store the merged statistics stand for
     * @throws ProbeException naming the shard at fault when the folders are not one corpus's shards or are unreadable
     */
    public static StoreManifest merge(List<Path> shardDirs, Path out, boolean force) throws ProbeException {
        OutputGuard.check(out, OutputKind.STATISTICS, force, shardDirs);
        List<StoreManifest> manifests = new ArrayList<>();
        Map<Path, StatisticsFiles.Description> descriptions = new HashMap<>();
        for (Path dir : shardDirs) {
            StatisticsFiles.Description d = StatisticsFiles.description(dir);
            descriptions.put(dir, d);
            if (d.extraction() == null) {
                throw new ProbeException(dir.resolve(StatisticsFiles.JSON), "these statistics were not extracted"
                        + " with --stats-only: they record no extraction to check the shards against");
            }
            manifests.add(d.extraction());
        }
        ShardSet set = ShardSet.of(shardDirs, manifests, StatisticsFiles.JSON);
        ClassStatistics total = null;
        List<MergedShards.Part> parts = new ArrayList<>();
        for (int i = 0; i < set.dirs().size(); i++) {
            Path dir = set.dirs().get(i);
            ClassStatistics part = StatisticsFiles.read(dir, descriptions.get(dir));
            try {
                total = total == null ? part : total.merge(part);
            } catch (IllegalArgumentException e) {
                throw new ProbeException(dir.resolve(StatisticsFiles.JSON), "cannot merge with " + set.dirs().get(0)
                        + ": " + e.getMessage());
            }
            parts.add(new MergedShards.Part(dir.toAbsolutePath().normalize().toString(), null,
                    ShardMerge.sha256(dir.resolve(StatisticsFiles.JSON)),
                    ShardMerge.sha256(dir.resolve(StatisticsFiles.SUMS)), set.manifests().get(i).shard()));
        }
        // the shards agree on the default label (ShardSet checks it), the column their classes come from
        return write(set, total, set.manifests().get(0).input().defaultLabel(), parts, out, force);
    }

    /**
     * Writes the merged statistics of checked shards into a new folder at {@code out}.
     *
     * @param set the shards' manifests, checked
     * @param total their statistics, merged
     * @param labelColumn the label column the classes come from
     * @param parts the shards, in row order
     * @return the manifest of the store the statistics stand for
     */
    public static StoreManifest write(ShardSet set, ClassStatistics total, String labelColumn,
            List<MergedShards.Part> parts, Path out, boolean force) throws ProbeException {
        StoreManifest manifest = set.merged(new MergedShards(false, parts));
        try (AtomicDirectory dir = AtomicDirectory.create(out, OutputKind.STATISTICS, force)) {
            try {
                StatisticsFiles.write(dir.path(), total, Map.of("corpus", manifest.input().path()), labelColumn,
                        manifest);
            } catch (IOException e) {
                throw new ProbeException(out, "cannot write the statistics: " + e.getMessage(), e);
            }
            dir.commit();
        }
        return manifest;
    }
}
