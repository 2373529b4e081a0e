package dev.probe.cli;

import dev.probe.activations.ExtractionRequest;
import dev.probe.cluster.ClusterLinkage;
import dev.probe.cluster.ClusterRequest;
import dev.probe.cluster.ClusterStage;
import dev.probe.cluster.ClustersReport;
import dev.probe.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe cluster STORE}: groups of neurons that fire alike (correlation clustering), one kept per group. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster a store's neurons by correlation (distance 1 - |r|, hierarchical clustering cut at"
                + " --threshold; Dalvi et al. 2020, NeuroX) and keep one representative per group; with --out, write"
                + " clusters.json.")
public final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "STORE", description = "Activation store directory.")
    Path store;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|LIST",
            description = "The store's layers to cluster, e.g. all, 0,6 or 1-3 (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--threshold", required = true, paramLabel = "T",
            description = "Cut height, a distance 1 - |r| in [0, 1]: neurons joined at a distance <= T share a group"
                    + " (NeuroX's default is 0.5).")
    double threshold;

    @Option(names = "--linkage", defaultValue = "average", paramLabel = "average|complete|single",
            description = "Distance between groups: average (UPGMA, NeuroX's), complete or single"
                    + " (default: ${DEFAULT-VALUE}).")
    ClusterLinkage linkage;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Folder to create with clusters.json (default: print the results only).")
    Path out;

    @Option(names = "--force", description = "Replace a cluster folder this tool wrote there.")
    boolean force;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        List<Integer> wanted = ExtractionRequest.layers(layers);
        ClusterRequest request = new ClusterRequest(store, wanted, threshold, linkage, out, force);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        ClustersReport report;
        try (ProgressBar bar = ProgressBar.deferred(err, "rows", ProgressBar.wanted(logging))) {
            report = ClusterStage.run(request, bar::rows);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter w = spec.commandLine().getOut();
        if (json.enabled) {
            w.println(Json.writer().writeValueAsString(summary(report, seconds)));
        } else {
            text(w, report, seconds);
        }
        w.flush();
        return 0;
    }

    private Map<String, Object> summary(ClustersReport r, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", r.store().path());
        m.put("rows", r.store().rows());
        m.put("layers", r.layers());
        m.put("neurons", r.neurons());
        m.put("linkage", r.linkage());
        m.put("threshold", r.threshold());
        m.put("groups", r.independent());
        m.put("independent", r.independent());
        m.put("redundant_groups", r.redundantGroups());
        m.put("largest_group", r.largest().size());
        m.put("constant", r.constant().size());
        m.put("representatives", r.groups().stream().map(ClustersReport.Group::representative).toList());
        m.put("clusters", out == null ? null : out.resolve(ClustersReport.FILE_NAME).toString());
        m.put("seconds", seconds);
        return m;
    }

    /** Tab-separated {@code key value} lines, then one line per group of two or more neurons. */
    private void text(PrintWriter w, ClustersReport r, double seconds) {
        w.printf(Locale.ROOT, "neurons\t%d (layers %s)%n", r.neurons(), r.layers());
        w.printf(Locale.ROOT, "rows\t%d%n", r.store().rows());
        w.printf(Locale.ROOT, "linkage\t%s, threshold %s%n", r.linkage(), r.threshold());
        w.printf(Locale.ROOT, "independent\t%d (%.1f %% of the neurons)%n", r.independent(),
                100.0 * r.independent() / r.neurons());
        w.printf(Locale.ROOT, "redundant_groups\t%d (largest: %d neurons)%n", r.redundantGroups(), r.largest().size());
        w.printf(Locale.ROOT, "constant\t%d%n", r.constant().size());
        w.printf(Locale.ROOT, "seconds\t%.2f%n", seconds);
        if (out != null) {
            w.printf(Locale.ROOT, "clusters\t%s%n", out.resolve(ClustersReport.FILE_NAME));
        }
        for (ClustersReport.Group g : r.groups()) {
            if (g.size() > 1) {
                w.printf(Locale.ROOT, "group %d\t%d neurons, keep %s: %s%n", g.id(), g.size(), g.representative(),
                        String.join(" ", g.members()));
            }
        }
    }
}
