package dev.probe.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.probe.ProbeException;
import dev.probe.activations.store.NonFinite;
import dev.probe.activations.store.NpyArrays;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.InputFiles;
import dev.probe.io.Json;
import dev.probe.io.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A probe on disk: {@code probe.json} ({@link ProbeReport}), {@code weights.npy} {@code [outputs, neurons]} float32,
 * {@code bias.npy} {@code [outputs]}, and, when standardised, {@code standardize.npy} {@code [2, neurons]} (mean, std).
 * Written atomically.
 */
public final class ProbeArtifact {
    /** The JSON file. */
    public static final String REPORT = "probe.json";

    private ProbeArtifact() {
    }

    /**
     * A probe read back.
     *
     * @param report its probe.json
     * @param probe the probe, ready to score a compatible store
     */
    public record Loaded(ProbeReport report, LinearProbe probe) {
        /** The annotation column the probe was trained on, or null for a probe written before it was recorded. */
        public String label() {
            return report.label();
        }
    }

    /** Writes the probe into an output folder and commits it. */
    public static void write(AtomicDirectory dir, ProbeReport report, LinearProbe probe) throws ProbeException {
        writeInto(dir.path(), dir.target(), report, probe);
        dir.commit();
    }

    /**
     * Writes the probe's files into {@code d}, created if missing (a folder inside another output being written).
     *
     * @param out the output named in errors
     */
    public static void writeInto(Path d, Path out, ProbeReport report, LinearProbe probe) throws ProbeException {
        try {
            Files.createDirectories(d);
            Files.writeString(d.resolve(REPORT), Json.writer(ProbeReport.class).writeValueAsString(report) + "\n",
                    StandardCharsets.UTF_8);
            NpyArrays.write(d.resolve("weights.npy"), probe.weights(), probe.outputs(), probe.width());
            NpyArrays.write(d.resolve("bias.npy"), probe.bias(), probe.outputs());
            Features f = probe.features();
            if (f.mean() != null) {
                float[] stats = new float[2 * probe.width()];
                System.arraycopy(f.mean(), 0, stats, 0, probe.width());
                System.arraycopy(f.std(), 0, stats, probe.width(), probe.width());
                NpyArrays.write(d.resolve("standardize.npy"), stats, 2, probe.width());
            }
        } catch (IOException e) {
            throw new ProbeException(out, "cannot write the probe: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a probe folder.
     *
     * @throws ProbeException naming the file when one is missing, malformed, of the wrong shape, or holds a NaN or
     *     infinite value (or a standard deviation that is not positive)
     */
    public static Loaded read(Path dir) throws ProbeException {
        Path json = dir.resolve(REPORT);
        if (!Files.isRegularFile(json)) {
            throw new ProbeException(dir, "not a probe folder (no " + REPORT + ")");
        }
        ProbeReport report;
        try {
            report = Json.reader(ProbeReport.class).readValue(InputFiles.readSmall(json, 256L << 20,
                    "a probe folder's " + REPORT));
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(json, "invalid " + REPORT, e);
        } catch (IOException e) {
            throw new ProbeException(json, "invalid JSON: " + e.getMessage(), e);
        }
        if (report == null || report.neurons() == null || report.model() == null || report.layers() == null) {
            throw new ProbeException(json, "not a probe report: neurons, model or layers is missing");
        }
        if (report.formatVersion() > ProbeReport.FORMAT_VERSION) {
            throw new ProbeException(json, "format version " + report.formatVersion() + " is newer than this tool"
                    + " reads (" + ProbeReport.FORMAT_VERSION + ")");
        }
        Path weightsFile = dir.resolve("weights.npy");
        Path biasFile = dir.resolve("bias.npy");
        NpyArrays.FloatArray w = NpyArrays.read(weightsFile);
        NpyArrays.FloatArray b = NpyArrays.read(biasFile);
        if (w.shape().length != 2 || b.shape().length != 1 || b.shape()[0] != w.shape()[0]) {
            throw new ProbeException(dir, "weights.npy must be [outputs, neurons] and bias.npy [outputs]");
        }
        int outputs = (int) w.shape()[0];
        int width = (int) w.shape()[1];
        NonFinite.requireFinite(w.data(), width, weightsFile, "weights");
        NonFinite.requireFinite(b.data(), outputs, biasFile, "bias");
        int[] neurons = report.neurons();
        for (int i = 0; i < neurons.length; i++) {
            if (neurons[i] < 0) {
                throw new ProbeException(json, "neurons[" + i + "] must be a neuron id ≥ 0, found " + neurons[i]);
            }
        }
        if (neurons.length != width) {
            throw new ProbeException(json, "lists " + neurons.length + " neurons but weights.npy has " + width);
        }
        Features features = new Features(neurons, null, null);
        Path stats = dir.resolve("standardize.npy");
        if (Files.exists(stats)) {
            float[] s = standardization(stats, width);
            float[] mean = new float[width];
            float[] std = new float[width];
            System.arraycopy(s, 0, mean, 0, width);
            System.arraycopy(s, width, std, 0, width);
            features = features.withStatistics(mean, std);
        }
        ProbeOptions.Task task = "regression".equals(report.task()) ? ProbeOptions.Task.REGRESSION
                : ProbeOptions.Task.CLASSIFICATION;
        LabelIndex labels = null;
        if (task == ProbeOptions.Task.CLASSIFICATION) {
            labels = new LabelIndex(report.labels() == null ? List.of() : report.labels(),
                    report.foldedLabels() == null ? List.of() : report.foldedLabels());
            if (labels.size() != outputs) {
                throw new ProbeException(json, "lists " + labels.size() + " labels but weights.npy has " + outputs + " rows");
            }
        }
        return new Loaded(report, new LinearProbe(task, labels, features, outputs, width, w.data(), b.data()));
    }

    /**
     * Checks that a store comes from the model, probing point and layers a probe was trained on.
     *
     * @throws ProbeException naming the store when they differ
     */
    public static void checkCompatible(Loaded probe, Path probeDir, dev.probe.activations.store.ActivationStore store)
            throws ProbeException {
        ProbeReport report = probe.report();
        dev.probe.activations.store.StoreManifest m = store.manifest();
        int[] ids = probe.probe().features().neurons();
        for (int neuron : ids == null ? new int[0] : ids) {
            if (neuron >= store.matrix().cols()) {
                throw new ProbeException(probeDir.resolve(REPORT), "lists neuron " + neuron + " but the store "
                        + store.dir() + " has only " + store.matrix().cols() + " neurons");
            }
        }
        ProbeReport.ModelRef p = report.model();
        if (!m.model().configSha256().equals(p.configSha256()) || !m.point().equals(report.point())
                || !m.layers().equals(report.layers()) || !sameWeights(p, m.model())) {
            throw new ProbeException(store.dir(), "was extracted from a different model or layers than the probe in "
                    + probeDir + " (store: " + m.model().spec() + random(m.model().randomInit()) + " " + m.point() + " "
                    + compact(m.layers()) + "; probe: " + p.spec() + random(p.randomInit()) + " " + report.point() + " "
                    + compact(report.layers()) + ")");
        }
    }

    /** Both real or both re-initialised with one seed, and equal weights digests where both are known. */
    private static boolean sameWeights(ProbeReport.ModelRef probe,
            dev.probe.activations.store.StoreManifest.ModelRef store) {
        if ((probe.randomInit() == null) != (store.randomInit() == null)
                || probe.randomInit() != null && probe.randomInit().seed() != store.randomInit().seed()) {
            return false;
        }
        return probe.weightsSha256() == null || store.weightsSha256() == null
                || probe.weightsSha256().equals(store.weightsSha256());
    }

    private static String random(dev.probe.model.init.RandomInit init) {
        return init == null ? "" : " (random-init seed " + init.seed() + ")";
    }

    /** {@code standardize.npy}: {@code [2, width]}, finite, every standard deviation positive. */
    private static float[] standardization(Path file, int width) throws ProbeException {
        NpyArrays.FloatArray stats = NpyArrays.read(file);
        if (stats.shape().length != 2 || stats.shape()[0] != 2 || stats.shape()[1] != width) {
            throw new ProbeException(file, "must be [2, " + width + "] (mean, std), found "
                    + java.util.Arrays.toString(stats.shape()));
        }
        float[] s = stats.data();
        NonFinite.requireFinite(s, width, file, "standardize");
        for (int j = 0; j < width; j++) {
            if (!(s[width + j] > 0)) {
                throw new ProbeException(file, "standardize row 1 (std), column " + j + " holds " + s[width + j]
                        + ": a standard deviation must be positive");
            }
        }
        return s;
    }

    private static String compact(List<Integer> layers) {
        return layers.toString().replace(" ", "");
    }
}
