package dev.probe.activations;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Corpus;
import dev.probe.corpus.CorpusFormat;
import dev.probe.corpus.NeuroxReader;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.io.OutputLock;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The extraction stage: one {@link ExtractionRequest} in, one activation store on disk, its manifest out. */
public final class Extraction {
    private Extraction() {
    }

    /** Told how many words the corpus has before the work starts; returns what is told about finished words. */
    @FunctionalInterface
    public interface Listener {
        /** No progress reports. */
        Listener NONE = words -> n -> { };

        /** The corpus is read: {@code words} words to go. */
        Extractor.Progress started(long words);
    }

    /** What runs once the corpus is read and the model loaded: by default, {@link ExtractionJob} writing a store. */
    @FunctionalInterface
    public interface Job {
        /**
         * Runs the forward passes over the slice and writes the output.
         *
         * @return the manifest of the store written (or of the store a statistics-only run stands for)
         */
        StoreManifest run(CorpusSlice slice, LoadedModel model, Extractor.Options options, Extractor.Progress progress)
                throws ProbeException;
    }

    /**
     * Runs the request.
     *
     * @param repository where model aliases are cached
     * @param listener told the corpus size, then the words done
     * @param notices where resume notices go
     * @return the manifest of the store written
     * @throws ProbeException naming the file and line when an input is bad or the output may not be written
     * @throws InvalidRequest when the layers or the window length do not suit the model
     */
    public static StoreManifest run(ExtractionRequest request, ModelRepository repository, Listener listener,
            PrintWriter notices) throws ProbeException {
        return run(request, repository, listener, OutputKind.STORE, (slice, model, options, progress) ->
                ExtractionJob.run(slice, model, options, request.dtype(), new ExtractionJob.Output(request.out(),
                        request.force(), request.resume(), request.checkpointEvery(), notices), progress));
    }

    /**
     * Reads the request's corpus (its slice), loads its model, checks its layers and runs {@code job}.
     *
     * @param kind what the job writes at {@code request.out()}
     */
    public static StoreManifest run(ExtractionRequest request, ModelRepository repository, Listener listener,
            OutputKind kind, Job job) throws ProbeException {
        OutputGuard.check(request.out(), kind, request.force(), inputs(request));
        OutputLock.checkNotBusy(request.out());
        Corpus corpus = Corpora.read(request.input(), request.format(), request.column(), request.tokenColumn());
        try (LoadedModel model = request.model().load(repository)) {
            return run(request, corpus, model, listener, job);
        }
    }

    /**
     * Runs {@code job} on the request's slice of an already read corpus with an already loaded model (a Spark executor
     * reads and loads them once for all its partitions); checks the layers, not the output.
     *
     * @param corpus the request's whole corpus, read as the request says
     * @param model the request's model, loaded
     */
    public static StoreManifest run(ExtractionRequest request, Corpus corpus, LoadedModel model, Listener listener,
            Job job) throws ProbeException {
        CorpusSlice slice = CorpusSlice.of(corpus, request.shard(), request.planBlock());
        var info = model.transformer().info();
        if (info.width(request.point()) == 0) {
            throw new InvalidRequest("point", request.point().id() + " is not available for this model");
        }
        List<Integer> available = info.availableLayers(request.point());
        List<Integer> layers = request.layers().isEmpty() ? available : request.layers();
        for (int layer : layers) {
            if (!available.contains(layer)) {
                throw new InvalidRequest("layers", "layer " + layer + " does not exist; this model has layers "
                        + available.get(0) + ".." + available.get(available.size() - 1));
            }
        }
        Extractor.Options options = new Extractor.Options(request.point(), layers, request.aggregation(),
                request.batchTokens(), request.batchSize(), request.model().windowTokens(model),
                request.model().workers(), request.planBlock());
        Extractor.Progress progress = listener.started(slice.corpus().wordCount());
        return job.run(slice, model, options, progress);
    }

    /** The files and folders the request reads, which its output must not name or hold. */
    private static List<Path> inputs(ExtractionRequest request) {
        List<Path> inputs = new ArrayList<>(List.of(request.input()));
        if (request.format() == CorpusFormat.NEUROX || request.format() == null) {
            try {
                inputs.add(NeuroxReader.labelFile(request.input()));
                inputs.add(NeuroxReader.inFile(request.input()));
            } catch (ProbeException e) {
                // not a NeuroX pair: the corpus reader says so if it matters
            }
        }
        inputs.addAll(request.model().inputPaths());
        return inputs;
    }
}
