package dev.probe.rank.stats;

import dev.probe.ProbeException;
import dev.probe.activations.CorpusSlice;
import dev.probe.activations.Extraction;
import dev.probe.activations.ExtractionJob;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.Extractor;
import dev.probe.activations.ValueCheck;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.Sentence;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.OutputKind;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code probe extract --stats-only}: runs the forward passes of an extraction but, instead of a store, keeps only the
 * per-class sufficient statistics of every neuron ({@link ClassStatistics}, with histograms), for the corpus's label
 * column. The folder it writes ({@link StatisticsFiles}) records the manifest the store would have had; shards'
 * folders merge ({@code probe merge}) into exactly the whole corpus's statistics, and the statistic rankers rank them
 * ({@code probe rank-stats}) without an activation ever reaching the disk.
 */
public final class StatisticsExtraction {
    private StatisticsExtraction() {
    }

    /**
     * Runs the request (its dtype, resume and checkpoint settings do not apply) into a statistics folder at
     * {@code request.out()}.
     *
     * @return the manifest of the store the run stands for
     */
    public static StoreManifest run(ExtractionRequest request, ModelRepository repository,
            Extraction.Listener listener) throws ProbeException {
        return Extraction.run(request, repository, listener, OutputKind.STATISTICS,
                (slice, model, options, progress) -> collect(slice, model, options, request, progress));
    }

    /**
     * What a statistics-only run of a slice computed.
     *
     * @param statistics the per-class statistics of its rows
     * @param manifest the manifest its store would have had
     */
    public record Collected(ClassStatistics statistics, StoreManifest manifest) {
    }

    private static StoreManifest collect(CorpusSlice slice, LoadedModel model, Extractor.Options options,
            ExtractionRequest request, Extractor.Progress progress) throws ProbeException {
        Collected c = collect(slice, model, options, progress);
        try (AtomicDirectory dir = AtomicDirectory.create(request.out(), OutputKind.STATISTICS, request.force())) {
            try {
                StatisticsFiles.write(dir.path(), c.statistics(), Map.of("corpus",
                        slice.corpus().file().toAbsolutePath().toString()), slice.corpus().labelColumn(),
                        c.manifest());
            } catch (IOException e) {
                throw new ProbeException(request.out(), "cannot write the statistics: " + e.getMessage(), e);
            }
            dir.commit();
        }
        return c.manifest();
    }

    /**
     * Runs the forward passes over a slice and keeps the per-class statistics of its rows (with histograms), writing
     * nothing.
     */
    public static Collected collect(CorpusSlice slice, LoadedModel model, Extractor.Options options,
            Extractor.Progress progress) throws ProbeException {
        Extractor extractor = new Extractor(model.transformer(), model.tokenizer(), model.source().padId(), options,
                ValueCheck.forStore(StoreDtype.FLOAT32));
        int[] classes = classes(slice);
        int width = extractor.rowWidth();
        ClassStatistics stats = ClassStatistics.empty(slice.classes(), width, true);
        Path file = slice.corpus().file();
        Extractor.Stats done = extractor.run(slice.corpus().sentences(), file, (firstRow, rows, offset, count) -> {
            int from = Math.toIntExact(firstRow);
            int[] order = ClassStatistics.byClass(classes, from, count);
            synchronized (stats) {
                for (int i : order) {
                    try {
                        stats.add(classes[from + i], rows, offset + i * width);
                    } catch (ArithmeticException e) {
                        throw new ProbeException(file, "word " + (firstRow + i) + " of the slice: " + e.getMessage(),
                                e);
                    }
                }
            }
        }, progress);
        StoreManifest manifest = ExtractionJob.manifest(slice, model.source(), options, StoreDtype.FLOAT32, done,
                model.transformer().info().width(options.point()), model.tokenizer().template().specials());
        return new Collected(stats, manifest);
    }

    /** The class index of every word of the slice, in row order. */
    private static int[] classes(CorpusSlice slice) {
        List<String> names = slice.classes();
        int[] out = new int[slice.corpus().wordCount()];
        int row = 0;
        for (Sentence sentence : slice.corpus().sentences()) {
            for (String label : sentence.labels()) {
                out[row++] = java.util.Collections.binarySearch(names, label);
            }
        }
        return out;
    }
}
