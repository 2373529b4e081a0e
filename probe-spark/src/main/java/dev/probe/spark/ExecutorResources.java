package dev.probe.spark;

import dev.probe.ProbeException;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Corpus;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelChoice;
import dev.probe.model.ModelRepository;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an executor JVM reads once and shares between all the partitions it runs: the corpus and the loaded model. The
 * one piece of static state in the project, and on purpose: Spark gives a task no other place that lives as long as
 * its JVM. Models stay loaded until the JVM ends (an executor's lifetime).
 */
final class ExecutorResources {
    private static final Map<ModelChoice, LoadedModel> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Corpus> CORPORA = new ConcurrentHashMap<>();
    private static final AtomicInteger MODEL_LOADS = new AtomicInteger();

    private ExecutorResources() {
    }

    /** The model, loaded on this JVM's first call for it (whatever the thread count: the weights are the same). */
    static LoadedModel model(ModelChoice choice) throws ProbeException {
        ModelChoice key = new ModelChoice(choice.spec(), choice.tokenizer(), choice.maxTokens(), null,
                choice.randomInit(), choice.edits());
        synchronized (MODELS) {
            LoadedModel model = MODELS.get(key);
            if (model == null) {
                model = key.load(ModelRepository.atDefaultHome());
                MODEL_LOADS.incrementAndGet();
                MODELS.put(key, model);
            }
            return model;
        }
    }

    /** The corpus, read on this JVM's first call for it. */
    static Corpus corpus(ShardJob job) throws ProbeException {
        String key = job.input() + "\n" + job.format() + "\n" + job.column();
        synchronized (CORPORA) {
            Corpus corpus = CORPORA.get(key);
            if (corpus == null) {
                corpus = Corpora.read(Path.of(job.input()), job.format(), job.column(), 1);
                CORPORA.put(key, Objects.requireNonNull(corpus));
            }
            return corpus;
        }
    }

    /** How many models this JVM has loaded (tests: once per JVM, not per partition). */
    static int modelLoads() {
        return MODEL_LOADS.get();
    }
}
