package dev.probe.activations;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreManifest;
import dev.probe.activations.store.StoreWriter;
import dev.probe.activations.store.TokenRow;
import dev.probe.corpus.Corpus;
import dev.probe.corpus.Sentence;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelSource;
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

    /**
     * Runs the extraction.
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
        Extractor extractor = new Extractor(model.transformer(), model.tokenizer(), model.source().padId(), options,
                ValueCheck.forStore(dtype));
        try (StoreWriter writer = StoreWriter.create(out, force, corpus.wordCount(), extractor.rowWidth(), dtype)) {
            Extractor.Stats stats = extractor.run(corpus.sentences(), corpus.file(),
                    writer::writeRows, progress);
            StoreManifest manifest = manifest(corpus, model.source(), options, dtype, stats,
                    model.transformer().info().width(options.point()), model.tokenizer().template().specials());
            writer.commit(tokenRows(corpus.sentences()), manifest);
            return manifest;
        }
    }

    private static List<TokenRow> tokenRows(List<Sentence> sentences) {
        List<TokenRow> rows = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            for (int w = 0; w < sentence.size(); w++) {
                rows.add(new TokenRow(s, w, sentence.words().get(w), sentence.labels().get(w)));
            }
        }
        return rows;
    }

    private static StoreManifest manifest(Corpus corpus, ModelSource source, Extractor.Options options, StoreDtype dtype,
            Extractor.Stats stats, int width, int specials) {
        Map<String, Long> labels = new TreeMap<>();
        corpus.labelCounts().forEach((label, count) -> labels.put(label, count.longValue()));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("empty_words", stats.emptyWords());
        extra.put("batches", stats.batches());
        extra.put("token_budget", options.tokenBudget());
        return new StoreManifest(StoreManifest.FORMAT_VERSION, Provenance.now(),
                new StoreManifest.ModelRef(source.spec(), source.architecture(), source.path(), source.configSha256(),
                        source.weightsSha256(), source.tokenizerSha256()),
                options.point().id(), options.layers(), width, width * options.layers().size(), dtype.typeName(),
                options.aggregation().id(),
                new StoreManifest.InputRef(corpus.file().toAbsolutePath().toString(), corpus.sha256(),
                        corpus.format().id(), corpus.labelColumn()),
                new StoreManifest.Counts(stats.sentences(), stats.words(), stats.subwords(), stats.windowedSentences()),
                new StoreManifest.Windowing(options.maxTokens(), (options.maxTokens() - specials) / 2, WINDOW_SCHEME),
                labels, extra);
    }
}
