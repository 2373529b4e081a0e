package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.rank.BenchRequest;
import dev.probe.rank.BenchResult;
import dev.probe.rank.Ranker;
import dev.probe.rank.RankerBenchmark;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The ranker benchmark stage: one {@link BenchRequest} in, one folder on disk ({@code bench.json}, {@code bench.md},
 * {@code bench.html}, {@code bench.svg}, {@code bench.png}), written whole or not at all.
 */
public final class BenchStage {
    /** The benchmark's JSON file. */
    public static final String FILE_NAME = "bench.json";

    private BenchStage() {
    }

    /**
     * Runs the request.
     *
     * @param listener told about each stage, each step of a greedy method, and each probe that stops early
     * @throws ProbeException when an input is bad or the output may not be written
     */
    public static BenchResult run(BenchRequest request, Ranker.Listener listener) throws ProbeException {
        Path out = request.out();
        OutputGuard.check(out, OutputKind.BENCHMARK, request.force(), request.inputs());
        try (AtomicDirectory dir = AtomicDirectory.create(out, OutputKind.BENCHMARK, request.force())) {
            BenchResult result = RankerBenchmark.compute(request, listener);
            Json.writer().writeValue(dir.path().resolve(FILE_NAME).toFile(), result);
            BenchReport.write(result, dir.path());
            dir.commit();
            return result;
        } catch (IOException e) {
            throw new ProbeException(out, "cannot write the benchmark: " + e.getMessage(), e);
        }
    }
}
