package dev.probe.spark;

import dev.probe.ProbeException;
import dev.probe.activations.Extraction;
import dev.probe.activations.ExtractionJob;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.MergedShards;
import dev.probe.activations.store.ShardMerge;
import dev.probe.activations.store.ShardSet;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.Corpus;
import dev.probe.io.Hashes;
import dev.probe.model.LoadedModel;
import dev.probe.rank.stats.ClassStatistics;
import dev.probe.rank.stats.StatisticsExtraction;
import dev.probe.rank.stats.StatisticsFiles;
import dev.probe.rank.stats.StatisticsMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A corpus extracted on Spark: one partition per shard ({@code probe extract --shard i/n} over whole plan blocks), each
 * running the plain Java forward pass with the model its executor JVM loaded once ({@link ExecutorResources}).
 *
 * <ul>
 *   <li>Stores: each partition writes its shard store under {@code OUT.shards/}; the driver checks and merges them
 *       ({@link ShardMerge}) into {@code OUT}, by reference or by copy. The result is the single-process extraction's
 *       store byte for byte.</li>
 *   <li>Statistics ({@link ShardJob#statsOnly()}): each partition keeps only its per-class statistics, which Spark
 *       reduces along a tree ({@code treeReduce}, built on {@code treeAggregate}); the merge is exact, so the order
 *       does not matter, and the driver writes the whole corpus's statistics folder at {@code OUT}.</li>
 * </ul>
 */
public final class SparkExtraction {
    private SparkExtraction() {
    }

    /** What one partition returns: its shard's manifest (JSON) and, for a statistics job, its statistics. */
    record ShardResult(int index, String manifestJson, String shardDir, ClassStatistics statistics)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs the job on {@code spark} and writes the merged store or statistics at {@code out}.
     *
     * @param out the output folder; it must be on a file system the driver and the executors both see as a local
     *     path (the local disk in local mode, a shared mount on a cluster)
     * @param copy for stores, copy the shards' matrices into one file instead of referring to them
     * @return the merged manifest
     * @throws ProbeException naming the file at fault when a shard fails or the shards do not merge
     */
    public static StoreManifest run(JavaSparkContext spark, ShardJob job, Path out, boolean copy, boolean force)
            throws ProbeException {
        Path absolute = out.toAbsolutePath().normalize();
        Path shardRoot = absolute.resolveSibling(absolute.getFileName() + ".shards");
        List<Integer> indices = IntStream.rangeClosed(1, job.shards()).boxed().toList();
        String root = shardRoot.toString();
        JavaRDD<ShardResult> results = spark.parallelize(indices, job.shards())
                .mapPartitions((Iterator<Integer> it) -> runShards(job, root, it));
        if (job.statsOnly()) {
            results = results.cache();
        }
        List<ShardResult> collected = new ArrayList<>(results.map(r -> new ShardResult(r.index(), r.manifestJson(),
                r.shardDir(), null)).collect());
        List<StoreManifest> manifests = collected.stream().map(r -> StoreManifest.fromJson(r.manifestJson()))
                .toList();
        try {
            if (!job.statsOnly()) {
                return ShardMerge.merge(collected.stream().map(r -> Path.of(r.shardDir())).toList(), out, copy,
                        force);
            }
            ClassStatistics total = results.map(ShardResult::statistics).treeReduce(ClassStatistics::merge);
            List<Path> names = collected.stream().map(r -> Path.of("spark-partition-" + r.index())).toList();
            ShardSet set = ShardSet.of(names, manifests, StatisticsFiles.JSON);
            List<MergedShards.Part> parts = new ArrayList<>();
            for (int i = 0; i < set.manifests().size(); i++) {
                StoreManifest m = set.manifests().get(i);
                parts.add(new MergedShards.Part("spark partition " + m.shard().label(), null,
                        Hashes.sha256(m.toJson().getBytes(StandardCharsets.UTF_8)), null, m.shard()));
            }
            return StatisticsMerge.write(set, total, manifests.get(0).input().defaultLabel(), parts, out, force);
        } finally {
            results.unpersist(false);
        }
    }

    /** Runs the shards of one partition (one shard each, as the job parallelizes them). */
    private static Iterator<ShardResult> runShards(ShardJob job, String root, Iterator<Integer> indices)
            throws ProbeException, IOException {
        List<ShardResult> out = new ArrayList<>();
        while (indices.hasNext()) {
            int index = indices.next();
            Path dir = Path.of(root, "shard-" + index + "-of-" + job.shards());
            // as many forward passes as the cores Spark gave this task (spark.task.cpus, default 1), so the tasks
            // an executor runs at once do not oversubscribe its cores
            TaskContext task = TaskContext.get();
            ExtractionRequest request = job.request(index, dir, task == null ? null : task.cpus());
            Corpus corpus = ExecutorResources.corpus(job);
            LoadedModel model = ExecutorResources.model(request.model());
            if (job.statsOnly()) {
                ClassStatistics[] kept = new ClassStatistics[1];
                StoreManifest m = Extraction.run(request, corpus, model, Extraction.Listener.NONE,
                        (slice, loaded, options, progress) -> {
                            StatisticsExtraction.Collected c = StatisticsExtraction.collect(slice, loaded, options,
                                    progress);
                            kept[0] = c.statistics();
                            return c.manifest();
                        });
                out.add(new ShardResult(index, m.toJson(), null, kept[0]));
            } else {
                Files.createDirectories(dir.getParent());
                StoreManifest m = Extraction.run(request, corpus, model, Extraction.Listener.NONE,
                        (slice, loaded, options, progress) -> ExtractionJob.run(slice, loaded, options,
                                request.dtype(), new ExtractionJob.Output(dir, true, false, Integer.MAX_VALUE,
                                        new PrintWriter(Writer.nullWriter())), progress));
                out.add(new ShardResult(index, m.toJson(), dir.toString(), null));
            }
        }
        return out.iterator();
    }
}
