package dev.probe.spark;

import dev.probe.ProbeException;
import dev.probe.cli.ForwardOptions;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.CorpusFormat;
import dev.probe.model.ModelAlias;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Spark job's entry point: {@code spark-submit --class dev.probe.spark.SparkExtractCommand probe-spark.jar
 * --input CORPUS --out STORE --shards N …}. With {@code --master local[N]} it runs on one machine without a cluster.
 * Prints the merged manifest (JSON) on stdout; a bad input ends with one line and exit code 2.
 */
@Command(name = "probe-spark extract", mixinStandardHelpOptions = true,
        description = "Extract a corpus on Spark: one partition per shard, merged into one store (or statistics).")
public final class SparkExtractCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Corpus, on a path every"
            + " executor can read.")
    Path input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Store (or statistics) folder"
            + " to create; the shards go to DIR.shards beside it.")
    Path out;

    @Option(names = "--shards", required = true, paramLabel = "N", description = "Shards, one Spark partition each.")
    int shards;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not set by spark-submit, e.g."
            + " local[2].")
    String master;

    @Option(names = "--model", defaultValue = ModelAlias.DEFAULT, paramLabel = "ALIAS|DIR",
            description = "Model alias or folder every executor can read (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--format", paramLabel = "conllu|tsv|neurox", description = "Corpus format (default: by extension).")
    CorpusFormat format;

    @Option(names = "--column", paramLabel = "NAME|N", description = "Default label column.")
    String column;

    @Mixin
    ForwardOptions forward;

    @Option(names = "--stats-only", description = "Keep per-class statistics instead of activations (treeAggregate).")
    boolean statsOnly;

    @Option(names = "--copy", description = "Copy the shards' matrices into one activations.npy.")
    boolean copy;

    @Option(names = "--force", description = "Replace an output this tool wrote.")
    boolean force;

    @Override
    public Integer call() throws ProbeException {
        Corpora.read(input, format, column, 1); // a bad corpus ends here, naming its line, before Spark starts
        ShardJob job = new ShardJob(input.toAbsolutePath().toString(), format, column, model,
                forward.layers(), forward.point(), forward.aggregate(), forward.dtype(), forward.batchTokens(),
                forward.batchSize(), forward.planBlock(), shards, statsOnly);
        SparkConf conf = new SparkConf().setAppName("probe extract " + input.getFileName());
        if (master != null) {
            conf.setMaster(master);
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            StoreManifest m = SparkExtraction.run(spark, job, out, copy, force);
            System.out.print(m.toJson());
        }
        return 0;
    }

    /** Runs the command. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit code: 2 for a bad input, as {@code probe} does. */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new SparkExtractCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = e;
            while (!(cause instanceof ProbeException) && !(cause instanceof IllegalArgumentException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof ProbeException || cause instanceof IllegalArgumentException) {
                line.getErr().println("probe-spark: " + cause.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
