package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.activations.store.ShardMerge;
import dev.probe.activations.store.StoreManifest;
import dev.probe.rank.stats.StatisticsMerge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe merge SHARD…}: joins the shards of one corpus ({@code probe extract --shard i/n}) into one. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the shard stores of one corpus (probe extract --shard i/n) into one store, or shards'"
                + " statistics folders (--stats-only) into the whole corpus's statistics.",
            "Refuses shards of other models, settings, corpora or tool versions, and shards that leave a gap or"
                + " overlap. The merged store reads as a single extraction's, byte for byte."})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "Shard folders, in any order.")
    List<Path> shards;

    @Mixin
    OutputOptions output;

    @Option(names = "--copy", description = "Copy the shards' matrices into one activations.npy (the file a single"
            + " extraction writes) instead of reading them in place.")
    boolean copy;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws ProbeException {
        boolean statistics = StatisticsMerge.isStatistics(shards.get(0));
        StoreManifest m = statistics ? StatisticsMerge.merge(shards, output.out, output.force)
                : ShardMerge.merge(shards, output.out, copy, output.force);
        PrintWriter w = spec.commandLine().getOut();
        if (json.enabled) {
            w.print(m.toJson());
        } else {
            w.printf(Locale.ROOT, "%s\t%s%n", statistics ? "statistics" : "store", output.out);
            w.printf(Locale.ROOT, "shards\t%d%n", m.merged().parts().size());
            w.printf(Locale.ROOT, "matrix\t%s%n", statistics ? "none (statistics only)"
                    : m.merged().byReference() ? "by reference" : "copied");
            w.printf(Locale.ROOT, "sentences\t%d%n", m.counts().sentences());
            w.printf(Locale.ROOT, "words\t%d%n", m.counts().words());
            w.printf(Locale.ROOT, "neurons\t%d%n", m.neurons());
        }
        w.flush();
        return 0;
    }
}
