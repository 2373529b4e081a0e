package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.activations.Extraction;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.ShardSpec;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.CorpusFormat;
import dev.probe.model.ModelRepository;
import dev.probe.rank.stats.StatisticsExtraction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe extract}: per-word, per-neuron activations of a corpus into an activation store. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Run a model over an annotated corpus and store every word's activations.")
public final class ExtractCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DeviceOptions device;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "Corpus: .conllu, CoNLL/TSV (.tsv .conll .txt .iob2), or NeuroX .in with its .label.")
    Path input;

    @Option(names = "--format", paramLabel = "conllu|tsv|neurox", description = "Corpus format (default: by extension).")
    CorpusFormat format;

    @Option(names = "--column", paramLabel = "NAME|N",
            description = "Default label column, recorded in the store (every column is kept; train, eval and rank take"
                    + " another with --label): upos, xpos, feats, deprel, misc or a 1-based index for CoNLL-U (default"
                    + " xpos); a 1-based index for TSV (default 2).")
    String column;

    @Option(names = "--token-column", defaultValue = "1", paramLabel = "N",
            description = "TSV only: 1-based column of the token (default: ${DEFAULT-VALUE}).")
    int tokenColumn;

    @Mixin
    OutputOptions output;

    @Option(names = "--random-init", paramLabel = "SEED",
            description = "Random-weight control: re-initialise every weight as the architecture's Hugging Face"
                    + " initializer does (N(0, initializer_range), biases 0, LayerNorm 1), drawn deterministically"
                    + " from SEED and each parameter's name; shapes, config and tokenizer stay the model's. Recorded"
                    + " in the manifest (model.random_init); such a store never mixes with the real model's.")
    Long randomInit;

    @Option(names = "--resume",
            description = "Continue an interrupted extraction of the same corpus, model and settings from its last"
                    + " checkpoint; the store is the same, byte for byte, as an uninterrupted run's.")
    boolean resume;

    @Option(names = "--checkpoint-every", defaultValue = "1000", paramLabel = "N",
            description = "Save a checkpoint for --resume after every N sentences (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Mixin
    ForwardOptions forward;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Extract only the i-th of n contiguous parts of the corpus (whole plan blocks, 1-based);"
                    + " join the parts with probe merge.")
    String shard;

    @Option(names = "--stats-only",
            description = "Write no activations: keep only every neuron's per-class count, sum, sum of squares, minimum,"
                    + " maximum and histogram for the label column (a statistics folder for probe merge and probe"
                    + " rank-stats), so corpora whose activations would not fit on disk can be ranked.")
    boolean statsOnly;

    @Mixin
    InterventionOptions intervention;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws ProbeException {
        device.check();
        if (statsOnly && (resume || forward.dtype() != StoreDtype.FLOAT32)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--stats-only writes no store: it takes neither --resume nor --dtype");
        }
        ExtractionRequest request = new ExtractionRequest(input, format, column, tokenColumn, modelOptions.choice().withRandomInit(randomInit)
                .withEdits(intervention.edits()),
                forward.layers(), forward.point(), forward.aggregate(), forward.dtype(), forward.batchTokens(),
                forward.batchSize(), output.out, output.force, resume, checkpointEvery)
                .withShard(shard == null ? null : ShardSpec.parse(shard), forward.planBlock());
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        StoreManifest manifest;
        try (ProgressBar bar = ProgressBar.deferred(err, "words", ProgressBar.wanted(logging))) {
            manifest = statsOnly ? StatisticsExtraction.run(request, ModelRepository.atDefaultHome(), bar::start)
                    : Extraction.run(request, ModelRepository.atDefaultHome(), bar::start, err);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json.enabled) {
            spec.commandLine().getOut().print(manifest.toJson());
            spec.commandLine().getOut().flush();
        } else {
            printSummary(spec.commandLine().getOut(), statsOnly ? "statistics" : "store", output.out, manifest,
                    seconds);
        }
        return 0;
    }

    /** Tab-separated {@code key value} lines: easy to read, easy to {@code cut}. */
    static void printSummary(PrintWriter w, String kind, Path store, StoreManifest m, double seconds) {
        w.printf(Locale.ROOT, "%s\t%s%n", kind, store);
        w.printf(Locale.ROOT, "model\t%s (%s)%n", m.model().spec(), m.model().architecture());
        if (m.model().randomInit() != null) {
            w.printf(Locale.ROOT, "random_init\tseed %d (%s)%n", m.model().randomInit().seed(),
                    m.model().randomInit().scheme());
        }
        if (m.model().intervention() != null) {
            w.printf(Locale.ROOT, "intervention\t%s %s (%d neurons, from %s)%n", m.model().intervention().mode(),
                    m.model().intervention().set(), m.model().intervention().neurons().size(),
                    m.model().intervention().ranking());
        }
        if (m.shard() != null) {
            w.printf(Locale.ROOT, "shard\t%s (sentences %d..%d of %d)%n", m.shard().label(),
                    m.shard().firstSentence(), m.shard().endSentence() - 1, m.shard().corpusSentences());
        }
        w.printf(Locale.ROOT, "sentences\t%d%n", m.counts().sentences());
        w.printf(Locale.ROOT, "words\t%d%n", m.counts().words());
        w.printf(Locale.ROOT, "subwords\t%d%n", m.counts().subwords());
        w.printf(Locale.ROOT, "windowed_sentences\t%d%n", m.counts().windowedSentences());
        w.printf(Locale.ROOT, "layers\t%s%n", m.layers());
        w.printf(Locale.ROOT, "neurons\t%d%n", m.neurons());
        w.printf(Locale.ROOT, "columns\t%s%n", String.join(" ", m.input().columns()));
        w.printf(Locale.ROOT, "labels\t%d (%s)%n", m.labels().size(), m.input().defaultLabel());
        w.printf(Locale.ROOT, "seconds\t%.2f%n", seconds);
        w.printf(Locale.ROOT, "words_per_second\t%.0f%n", m.counts().words() / Math.max(seconds, 1e-9));
        w.flush();
    }
}
