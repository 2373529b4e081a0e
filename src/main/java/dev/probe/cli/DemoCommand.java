package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.activations.Aggregation;
import dev.probe.activations.ExtractionJob;
import dev.probe.activations.Extractor;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreSummary;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Corpus;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelAlias;
import dev.probe.model.ModelLoader;
import dev.probe.model.ModelRepository;
import dev.probe.model.ProbePoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe demo}: the main job on the embedded default model and the bundled samples. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Extract MiniLM activations of the bundled UD English EWT samples (XPOS) and summarise them.")
public final class DemoCommand implements Callable<Integer> {
    private static final String[] SPLITS = {"train", "dev"};

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "The data-samples folder (default: data-samples in the project root or the current folder).")
    Path samples;

    @Option(names = {"-o", "--out"}, defaultValue = "runs/demo", paramLabel = "DIR",
            description = "Where the demo writes its stores; replaced on each run (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws ProbeException {
        Path sampleDir = samples != null ? samples : defaultSamples();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedModel model = new ModelLoader(ModelRepository.atDefaultHome()).load(ModelAlias.DEFAULT, null, 512)) {
            Extractor.Options options = new Extractor.Options(ProbePoint.HIDDEN,
                    model.transformer().info().availableLayers(ProbePoint.HIDDEN), Aggregation.LAST, 8192, 64,
                    model.transformer().info().maxTokens());
            for (String split : SPLITS) {
                Path input = sampleDir.resolve("ud-ewt").resolve("en_ewt-ud-" + split + ".sample.conllu");
                Corpus corpus = Corpora.read(input, null, "xpos");
                Path store = out.resolve("minilm-xpos-" + split);
                long start = System.nanoTime();
                try (ProgressBar bar = new ProgressBar(err, "words", corpus.wordCount(), ProgressBar.wanted(logging))) {
                    ExtractionJob.run(corpus, model, options, StoreDtype.FLOAT32, store, true, bar::advance);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                try (ActivationStore opened = ActivationStore.open(store)) {
                    stdout.printf(Locale.ROOT, "== %s (%.1f s, %.0f words/s)%n", store, seconds,
                            corpus.wordCount() / seconds);
                    stdout.println(StoreSummary.describe(opened));
                }
            }
        }
        stdout.flush();
        return 0;
    }

    private static Path defaultSamples() throws ProbeException {
        String root = System.getProperty("probe.root");
        Path candidate = root != null ? Path.of(root, "data-samples") : Path.of("data-samples");
        if (!Files.isDirectory(candidate)) {
            throw new ProbeException(candidate, "no such folder; pass --samples DIR (the project's data-samples)");
        }
        return candidate;
    }
}
