package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.activations.store.StoreManifest;
import dev.probe.corpus.CorpusFormat;
import dev.probe.corpus.NeuroxReader;
import dev.probe.io.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The provenance an activation store made by this configuration records in its {@code manifest.json}. A store that
 * records all of it is kept; anything else is extracted again.
 *
 * @param modelSpec {@code model.spec}: the {@code --model} value
 * @param configSha256 {@code model.config_sha256}
 * @param weightsSha256 {@code model.weights_sha256}, or null when the checkpoint cannot be hashed (then no store
 *     matches: an unknown digest on either side counts as a change)
 * @param tokenizerSha256 {@code model.tokenizer_sha256}, or null likewise
 * @param inputSha256 {@code input.sha256}: of the corpus file's bytes (for a NeuroX pair, as {@code NeuroxReader} does)
 * @param layers {@code layers}, or empty when the model's layer count is unknown (then no store matches)
 * @param dtype {@code dtype}
 * @param aggregation {@code aggregation}
 * @param point {@code point}: always {@code hidden} for pipelines
 */
public record StoreExpectation(String modelSpec, String configSha256, String weightsSha256, String tokenizerSha256,
        String inputSha256, List<Integer> layers, String dtype, String aggregation, String point) {

    /** Copies the layers. */
    public StoreExpectation {
        Objects.requireNonNull(modelSpec, "modelSpec");
        Objects.requireNonNull(configSha256, "configSha256");
        Objects.requireNonNull(inputSha256, "inputSha256");
        layers = List.copyOf(layers);
    }

    /**
     * What the store of one model, task and corpus file would record.
     *
     * @param model the model's fingerprint
     * @param entry the model's configuration (layers, dtype, aggregation)
     * @param task the task (format, columns)
     * @param corpus the corpus file of one split
     * @throws ProbeException when the corpus cannot be read for hashing, or its columns do not suit its format
     */
    public static StoreExpectation of(ModelFingerprint model, PipelineConfig.ModelEntry entry,
            PipelineConfig.TaskEntry task, Path corpus) throws ProbeException {
        CorpusFormat format = task.format() != null ? task.format() : CorpusFormat.detect(corpus);
        List<Integer> layers = entry.layers().isEmpty() ? model.hiddenLayers() : entry.layers();
        return new StoreExpectation(model.spec(), model.configSha256(), model.weightsSha256(),
                model.tokenizerSha256(), inputSha256(corpus, format), layers, entry.dtype().typeName(),
                entry.aggregation().id(), "hidden");
    }

    /**
     * Whether the store at {@code dir} can be kept.
     *
     * @return fresh, or stale with the first difference found ({@code "missing"} when there is no store)
     */
    public Check check(Path dir) {
        if (!Files.exists(dir)) {
            return Check.stale(Check.MISSING);
        }
        StoreManifest m;
        try {
            m = StoreManifest.read(dir);
        } catch (ProbeException e) {
            return Check.stale("unreadable manifest (" + e.getMessage() + ")");
        }
        if (!modelSpec.equals(m.model().spec())) {
            return Check.stale("model " + m.model().spec() + " ≠ " + modelSpec);
        }
        if (!configSha256.equals(m.model().configSha256())) {
            return Check.stale("model config.json changed");
        }
        Check weights = sameDigest(m.model().randomInit() == null ? "checkpoint"
                : "weights (the store's: random_init seed " + m.model().randomInit().seed() + ")", weightsSha256,
                m.model().weightsSha256());
        if (!weights.upToDate()) {
            return weights;
        }
        Check tokenizer = sameDigest("tokenizer.json", tokenizerSha256, m.model().tokenizerSha256());
        if (!tokenizer.upToDate()) {
            return tokenizer;
        }
        if (!inputSha256.equals(m.input().sha256())) {
            return Check.stale("input file changed");
        }
        if (layers.isEmpty()) {
            return Check.stale("the model's layer count is not in its config.json");
        }
        if (!layers.equals(m.layers())) {
            return Check.stale("layers " + m.layers() + " ≠ " + layers);
        }
        if (!dtype.equals(m.dtype())) {
            return Check.stale("dtype " + m.dtype() + " ≠ " + dtype);
        }
        if (!aggregation.equals(m.aggregation())) {
            return Check.stale("aggregation " + m.aggregation() + " ≠ " + aggregation);
        }
        if (!point.equals(m.point())) {
            return Check.stale("point " + m.point() + " ≠ " + point);
        }
        return Check.fresh();
    }

    /** Equal digests are fresh; a digest unknown on either side is not (it may hide any change). */
    private static Check sameDigest(String file, String expected, String recorded) {
        if (recorded == null) {
            return Check.stale("the store records no " + file + " digest (written by an older probe)");
        }
        if (expected == null) {
            return Check.stale("the model has no " + file + " to compare");
        }
        return expected.equals(recorded) ? Check.fresh() : Check.stale("model " + file + " changed");
    }

    private static String inputSha256(Path corpus, CorpusFormat format) throws ProbeException {
        if (format != CorpusFormat.NEUROX) {
            return sha256(corpus);
        }
        String pair = sha256(NeuroxReader.inFile(corpus)) + ":" + sha256(NeuroxReader.labelFile(corpus));
        return Hashes.sha256(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(Path file) throws ProbeException {
        try {
            return Hashes.sha256(file);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
