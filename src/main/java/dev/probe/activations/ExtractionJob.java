package dev.probe.activations;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.BatchPlan;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreManifest;
import dev.probe.activations.store.StoreWriter;
import dev.probe.activations.store.TokenRow;
import dev.probe.corpus.Corpus;
import dev.probe.corpus.Sentence;
import dev.probe.model.LoadedModel;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Hashes;
import dev.probe.io.OutputKind;
import dev.probe.model.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code probe extract}: a corpus through a model into an activation store, written to a temporary folder and
 * renamed into place only when complete.
 */
public final class ExtractionJob {
    private ExtractionJob() {
    }

    /** One line describing the windowing scheme, stored in every manifest. */
    public static final String WINDOW_SCHEME = "sentences longer than max_tokens are cut at word boundaries into windows"
            + " of at most max_tokens minus special tokens, starting every stride subwords; each word is read from the"
            + " window where it has the most context on its poorer side (ties: earlier window)";

    /** Sentences between two checkpoints, unless {@code --checkpoint-every} says otherwise. */
    public static final int DEFAULT_CHECKPOINT_SENTENCES = 1000;

    /**
     * Where the store goes and how an interruption is handled.
     *
     * @param out the store folder to create
     * @param force replace an existing store (of this tool's)
     * @param resume continue from the checkpoint an interrupted run with the same inputs and settings left
     * @param checkpointEvery sentences (windows) between checkpoints, at least 1
     * @param notices where one-line notices go (nothing to resume; interrupted and resumable)
     */
    public record Output(Path out, boolean force, boolean resume, int checkpointEvery, PrintWriter notices) {
        /** Checks the checkpoint interval. */
        public Output {
            if (checkpointEvery < 1) {
                throw new IllegalArgumentException("checkpointEvery must be >= 1. Found value " + checkpointEvery);
            }
        }
    }

    /**
     * Runs the extraction into a new store (no resume, default checkpoints, no notices).
     *
     * @param corpus the sentences and labels
     * @param model the loaded model
     * @param options extraction settings
     * @param dtype matrix element type
     * @param out the store folder to create
     * @param force replace an existing store
     * @param progress told about finished words
     * @return the manifest written
     */
    public static StoreManifest run(Corpus corpus, LoadedModel model, Extractor.Options options, StoreDtype dtype,
            Path out, boolean force, Extractor.Progress progress) throws ProbeException {
        return run(new CorpusSlice(corpus), model, options, dtype, new Output(out, force, false,
                DEFAULT_CHECKPOINT_SENTENCES, new PrintWriter(Writer.nullWriter())), progress);
    }

    /**
     * Runs the extraction, checkpointing as it goes and, when asked, resuming an interrupted one.
     *
     * @return the manifest written
     */
    public static StoreManifest run(CorpusSlice slice, LoadedModel model, Extractor.Options options, StoreDtype dtype,
            Output output, Extractor.Progress progress) throws ProbeException {
        Corpus corpus = slice.corpus();
        Extractor extractor = new Extractor(model.transformer(), model.tokenizer(), model.source().padId(), options,
                ValueCheck.forStore(dtype));
        String fingerprint = fingerprint(slice, model.source(), options, dtype, extractor.rowWidth());
        AtomicDirectory dir = AtomicDirectory.create(output.out(), OutputKind.STORE, output.force(), output.resume());
        if (output.resume() && !dir.resumed()) {
            output.notices().println("probe: nothing to resume for " + output.out() + "; extracting from the start");
            output.notices().flush();
        }
        boolean resumed = dir.resumed() && Files.exists(dir.path().resolve(ActivationStore.MATRIX_FILE));
        ExtractionCheckpoint log;
        try {
            log = resumed ? ExtractionCheckpoint.resume(dir.path(), output.out(), fingerprint, output.checkpointEvery())
                    : ExtractionCheckpoint.fresh(dir.path(), fingerprint, output.checkpointEvery());
        } catch (ProbeException e) {
            dir.keepOnClose(); // the user may still resume with the right command
            dir.close();
            throw e;
        }
        resumed = resumed && log.resumedBatches() > 0;
        try (StoreWriter writer = StoreWriter.create(dir, corpus.wordCount(), extractor.rowWidth(), dtype, resumed)) {
            log.flushWith(writer::sync);
            dir.onInterrupt(() -> interrupted(log, dir, output));
            Extractor.Stats stats = extractor.run(corpus.sentences(), corpus.file(), writer::writeRows, progress, log);
            writer.countResumedRows(log.resumedWords());
            StoreManifest manifest = manifest(slice, model.source(), options, dtype, stats,
                    model.transformer().info().width(options.point()), model.tokenizer().template().specials());
            Files.deleteIfExists(dir.path().resolve(ExtractionCheckpoint.FILE_NAME));
            Files.deleteIfExists(dir.path().resolve(ExtractionCheckpoint.FILE_NAME + ".tmp"));
            writer.commit(tokenRows(corpus.sentences(), slice.firstSentence()), manifest);
            return manifest;
        } catch (IOException e) {
            throw new ProbeException(output.out(), "cannot remove the checkpoint: " + e.getMessage(), e);
        }
    }

    private static boolean interrupted(ExtractionCheckpoint log, AtomicDirectory dir, Output output) {
        boolean keep = log.saveOnInterrupt();
        if (keep) {
            output.notices().println("probe: interrupted; the finished batches are saved in " + dir.path()
                    + ": run the same command with --resume to continue, or without it to start over");
            output.notices().flush();
        }
        return keep;
    }

    /**
     * What the rows of a store depend on, as a SHA-256: the tool version, the corpus bytes and how they were read, the
     * model (folder and the SHA-256 of its config, weights and tokenizer), the extraction options,
     * the dtype and the matrix shape. Two runs with the same fingerprint plan the same batches and write the same rows.
     */
    static String fingerprint(CorpusSlice slice, ModelSource source, Extractor.Options options, StoreDtype dtype,
            int rowWidth) {
        Corpus corpus = slice.corpus();
        StringBuilder sb = new StringBuilder();
        sb.append("probe ").append(Provenance.toolVersion()).append('\n');
        sb.append("corpus ").append(corpus.sha256()).append(' ').append(corpus.format().id()).append(' ')
                .append(corpus.labelColumn()).append(' ').append(corpus.wordCount()).append('\n');
        sb.append("model ").append(source.architecture()).append(' ').append(source.path()).append(' ')
                .append(source.configSha256()).append(' ').append(source.tokenizerSha256()).append(' ')
                .append(source.padId()).append(' ').append(source.weightsSha256()).append('\n');
        sb.append("options ").append(options.point().id()).append(' ').append(options.layers()).append(' ')
                .append(options.aggregation().id()).append(' ').append(options.tokenBudget()).append(' ')
                .append(options.maxBatch()).append(' ').append(options.maxTokens()).append(' ')
                .append(options.blockSentences()).append('\n');
        if (slice.shard() != null) {
            sb.append("shard ").append(slice.shard()).append('\n');
        }
        sb.append("matrix ").append(dtype.typeName()).append(' ').append(rowWidth).append('\n');
        return Hashes.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<TokenRow> tokenRows(List<Sentence> sentences, int firstSentence) {
        List<TokenRow> rows = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            for (int w = 0; w < sentence.size(); w++) {
                List<String> values = new ArrayList<>(sentence.annotations().size());
                for (List<String> column : sentence.annotations()) {
                    values.add(column.get(w));
                }
                rows.add(new TokenRow(firstSentence + s, w, sentence.words().get(w), values));
            }
        }
        return rows;
    }

    /**
     * The manifest of the store an extraction of {@code slice} writes (or, for a statistics-only run, would write).
     *
     * @param width units per layer
     * @param specials special tokens per sequence
     */
    public static StoreManifest manifest(CorpusSlice slice, ModelSource source, Extractor.Options options,
            StoreDtype dtype, Extractor.Stats stats, int width, int specials) {
        Corpus corpus = slice.corpus();
        Map<String, Long> labels = new TreeMap<>();
        corpus.labelCounts().forEach((label, count) -> labels.put(label, count.longValue()));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("empty_words", stats.emptyWords());
        return new StoreManifest(StoreManifest.FORMAT_VERSION, Provenance.now(),
                new StoreManifest.ModelRef(source.spec(), source.architecture(), source.path(), source.configSha256(),
                        source.weightsSha256(), source.tokenizerSha256(), source.randomInit(), source.intervention()),
                options.point().id(), options.layers(), width, width * options.layers().size(), dtype.typeName(),
                options.aggregation().id(),
                new StoreManifest.InputRef(corpus.file().toAbsolutePath().toString(), corpus.sha256(),
                        corpus.format().id(), corpus.columns(), corpus.labelColumn()),
                new StoreManifest.Counts(stats.sentences(), stats.words(), stats.subwords(), stats.windowedSentences()),
                new StoreManifest.Windowing(options.maxTokens(), (options.maxTokens() - specials) / 2, WINDOW_SCHEME),
                labels, extra, new BatchPlan(options.tokenBudget(), options.maxBatch(), options.blockSentences(),
                        stats.batches()), slice.shard(), null);
    }
}
