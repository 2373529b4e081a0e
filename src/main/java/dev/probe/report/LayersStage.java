package dev.probe.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.probe.ProbeException;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.InputFiles;
import dev.probe.io.Json;
import dev.probe.io.JsonErrors;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.rank.LayerProbes;
import dev.probe.rank.LayerProbesRequest;
import dev.probe.rank.LayerProbesResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The per-layer stage: one {@link LayerProbesRequest} in, one layers folder on disk ({@code layers.json}, a
 * self-contained {@code layers.html}, and the chart as {@code layers.svg} and {@code layers.png}), written whole or
 * not at all.
 */
public final class LayersStage {
    /** The file name of the results. */
    public static final String FILE_NAME = "layers.json";

    private LayersStage() {
    }

    /**
     * Runs the request.
     *
     * @param progress told about each probe
     * @param warnings told one line for each probe that stops before the optimality threshold
     * @return what {@code layers.json} holds
     * @throws ProbeException when an input is bad or the output may not be written
     */
    public static LayerProbesResult run(LayerProbesRequest request, Consumer<String> progress,
            Consumer<String> warnings) throws ProbeException {
        Path out = request.out();
        OutputGuard.check(out, OutputKind.LAYERS, request.force(), request.inputs());
        try (AtomicDirectory dir = AtomicDirectory.create(out, OutputKind.LAYERS, request.force())) {
            LayerProbesResult result = LayerProbes.compute(request, progress, warnings);
            Path d = dir.path();
            Files.writeString(d.resolve(FILE_NAME), Json.writer(LayerProbesResult.class).writeValueAsString(result)
                    + "\n", StandardCharsets.UTF_8);
            String subtitle = result.inputs().model() + " · " + result.inputs().labelColumn() + " · "
                    + result.inputs().point();
            Files.writeString(d.resolve("layers.svg"), LayerReport.svg(result.layers(), subtitle).document(),
                    StandardCharsets.UTF_8);
            LayerReport.png(result.layers(), subtitle, d.resolve("layers.png"));
            Files.writeString(d.resolve("layers.html"), LayerReport.page(result), StandardCharsets.UTF_8);
            dir.commit();
            return result;
        } catch (IOException e) {
            throw new ProbeException(out, "cannot write the per-layer probes: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code layers.json}.
     *
     * @throws ProbeException if it cannot be read, is not valid JSON, lacks its rows, or has a newer format version
     */
    public static LayerProbesResult read(Path file) throws ProbeException {
        LayerProbesResult r;
        try {
            r = Json.reader(LayerProbesResult.class).readValue(InputFiles.readSmall(file, 64L << 20,
                    "a " + FILE_NAME));
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(file, "not a valid " + FILE_NAME, e);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e, e);
        }
        if (r == null || r.layers() == null || r.layers().rows() == null) {
            throw new ProbeException(file, "not a " + FILE_NAME + ": layers or its rows are missing");
        }
        if (r.formatVersion() > LayerProbesResult.FORMAT_VERSION) {
            throw new ProbeException(file, "format version " + r.formatVersion() + " is newer than this tool reads ("
                    + LayerProbesResult.FORMAT_VERSION + ")");
        }
        return r;
    }
}
