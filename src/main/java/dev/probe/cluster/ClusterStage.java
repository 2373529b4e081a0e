package dev.probe.cluster;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.RowBlocks;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code probe cluster} stage: one pass over a store's rows into {@link CorrelationStatistics} (the matrix stays
 * memory-mapped; only one block of {@link CorrelationStatistics#BLOCK_ROWS} rows is on the heap at a time), the
 * clustering ({@link NeuronClustering}), and {@code clusters.json} written into a folder that appears all at once.
 */
public final class ClusterStage {
    /**
     * The most neurons clustered: Smile 3.1.1's linkages index their triangle with {@code (D−j)(D−j+1)} in int
     * arithmetic, which overflows above 46,340 (the statistics would then take 2 × 8.6 GB anyway).
     */
    public static final int MAX_NEURONS = 46_340;

    private ClusterStage() {
    }

    /** Told how far the pass over the store has come. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done rows read so far
         * @param total rows in the store
         */
        void rows(long done, long total);
    }

    /**
     * Runs the request.
     *
     * @param progress told the rows read so far, after each block
     * @return the report, as written to {@code clusters.json} when the request names an output
     * @throws ProbeException when the store is unreadable or holds a non-finite value, or the output may not be
     *     written
     * @throws InvalidRequest when a layer asked for is not in the store
     */
    public static ClustersReport run(ClusterRequest request, Progress progress) throws ProbeException {
        if (request.out() != null) {
            OutputGuard.check(request.out(), OutputKind.CLUSTERS, request.force(), List.of(request.store()));
        }
        try (AtomicDirectory out = request.out() == null ? null
                : AtomicDirectory.create(request.out(), OutputKind.CLUSTERS, request.force());
                ActivationStore store = ActivationStore.open(request.store())) {
            StoreManifest m = store.manifest();
            List<Integer> layers = layers(request.layers(), m);
            int[] columns = columns(layers, m);
            if (columns.length > MAX_NEURONS) {
                throw new InvalidRequest("layers", "selects " + columns.length + " neurons; at most " + MAX_NEURONS
                        + " can be clustered: choose fewer layers");
            }
            long start = System.nanoTime();
            CorrelationStatistics stats = statistics(store.matrix(), columns, progress);
            double statisticsSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            NeuronClustering.Result result = NeuronClustering.cluster(stats, request.linkage(), request.threshold());
            double clusteringSeconds = (System.nanoTime() - start) / 1e9;
            ClustersReport report = report(request, store, layers, columns, result,
                    new ClustersReport.Timing(statisticsSeconds, clusteringSeconds));
            if (out != null) {
                write(out, report);
                out.commit();
            }
            return report;
        }
    }

    /** The layers asked for, each once, in the order given; all of the store's when none is asked for. */
    static List<Integer> layers(List<Integer> wanted, StoreManifest m) {
        if (wanted.isEmpty()) {
            return m.layers();
        }
        List<Integer> layers = new ArrayList<>(new LinkedHashSet<>(wanted));
        for (int layer : layers) {
            if (!m.layers().contains(layer)) {
                throw new InvalidRequest("layers", "layer " + layer + " is not in the store, which holds layers "
                        + m.layers());
            }
        }
        return List.copyOf(layers);
    }

    /** The matrix columns of {@code layers}, layer by layer. */
    static int[] columns(List<Integer> layers, StoreManifest m) {
        int[] columns = new int[layers.size() * m.width()];
        int k = 0;
        for (int layer : layers) {
            int position = m.layers().indexOf(layer);
            for (int unit = 0; unit < m.width(); unit++) {
                columns[k++] = m.neuronId(position, unit);
            }
        }
        return columns;
    }

    /** One pass over every row of the matrix, reading the given columns. */
    static CorrelationStatistics statistics(NpyMatrix matrix, int[] columns, Progress progress)
            throws ProbeException {
        int cols = matrix.cols();
        int width = columns.length;
        boolean all = width == cols && isIdentity(columns);
        float[] picked = new float[all ? 0 : CorrelationStatistics.BLOCK_ROWS * width];
        CorrelationStatistics.Accumulator acc = new CorrelationStatistics.Accumulator(width);
        RowBlocks.forEach(matrix, CorrelationStatistics.BLOCK_ROWS, (rows, first, count) -> {
            if (!all) {
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < width; j++) {
                        picked[i * width + j] = rows[i * cols + columns[j]];
                    }
                }
            }
            acc.add(all ? rows : picked, count);
            progress.rows(first + count, matrix.rows());
        });
        return acc.statistics();
    }

    private static boolean isIdentity(int[] columns) {
        for (int j = 0; j < columns.length; j++) {
            if (columns[j] != j) {
                return false;
            }
        }
        return true;
    }

    private static ClustersReport report(ClusterRequest request, ActivationStore store, List<Integer> layers,
            int[] columns, NeuronClustering.Result result, ClustersReport.Timing timing) throws ProbeException {
        StoreManifest m = store.manifest();
        List<ClustersReport.Group> groups = new ArrayList<>(result.groups().size());
        int redundant = 0;
        for (NeuronClustering.Group g : result.groups()) {
            int[] ids = Arrays.stream(g.members()).map(j -> columns[j]).toArray();
            List<String> names = Arrays.stream(ids).mapToObj(m::neuronName).toList();
            groups.add(new ClustersReport.Group(groups.size(), ids.length, m.neuronName(columns[g.representative()]),
                    columns[g.representative()], g.meanAbsCorrelation(), names, ids));
            redundant += ids.length > 1 ? 1 : 0;
        }
        List<String> constant = Arrays.stream(result.constant()).mapToObj(j -> m.neuronName(columns[j])).toList();
        String digest = store.manifestSha256();
        return new ClustersReport(ClustersReport.FORMAT_VERSION, Provenance.now(),
                new ClustersReport.StoreRef(store.dir().toAbsolutePath().toString(), digest, store.matrix().rows()),
                new ClustersReport.ModelRef(m.model().spec(), m.model().architecture(), m.model().configSha256(),
                        m.model().weightsSha256()),
                m.point(), layers, columns.length, ClustersReport.Method.standard(), request.linkage().id(),
                request.threshold(), groups.size(), redundant, constant, List.copyOf(groups), timing);
    }

    private static void write(AtomicDirectory out, ClustersReport report) throws ProbeException {
        Path file = out.path().resolve(ClustersReport.FILE_NAME);
        try {
            Files.writeString(file, Json.writer(ClustersReport.class).writeValueAsString(report) + "\n");
        } catch (IOException e) {
            throw new ProbeException(out.target(), "cannot write " + ClustersReport.FILE_NAME + ": " + e.getMessage(),
                    e);
        }
    }
}
