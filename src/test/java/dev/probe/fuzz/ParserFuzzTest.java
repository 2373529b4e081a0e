package dev.probe.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes every parser of hostile input files (safetensors, pytorch_model.bin, .npy, ONNX, CoNLL-U, TSV, NeuroX, config.json,
 * vocab.txt, spiece.model, pipeline YAML, tokens.tsv, manifest.json, ranking.json) with a seeded mutation harness ({@link Mutator}): every input must be
 * accepted or refused with a clean one-line error naming the file. It complements the coverage-guided
 * {@link JazzerFuzzTest}: seeded, so its counts are reproducible, and fast enough for 10^5 inputs per target.
 *
 * <p>{@code ./mvnw verify} runs a short round ({@value #DEFAULT_ITERATIONS} inputs per target); {@code scripts/fuzz}
 * runs a long one ({@code -Dprobe.fuzz.iterations=100000}, {@code -Dprobe.fuzz.seed=N}; {@code
 * -Dprobe.fuzz.targets=npy,yaml} picks targets). Counts go to
 * {@code <build dir>/fuzz/report.txt}, inputs that gave a finding to {@code <build dir>/fuzz/findings/}.
 */
class ParserFuzzTest {
    static final long DEFAULT_ITERATIONS = 1000;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyInputIsAcceptedOrRefusedCleanly() throws Exception {
        long iterations = Long.getLong("probe.fuzz.iterations", DEFAULT_ITERATIONS);
        long seed = Long.getLong("probe.fuzz.seed", 20261202L);
        Path out = Path.of(System.getProperty("probe.home", "target/probe-home")).resolveSibling("fuzz");
        Files.createDirectories(out);
        Path report = out.resolve("report.txt");
        Files.writeString(report, "seed " + seed + ", " + iterations + " inputs per target\n", StandardCharsets.UTF_8);
        List<String> only = List.of(System.getProperty("probe.fuzz.targets", "").split(",")).stream()
                .filter(t -> !t.isBlank()).toList();
        List<FuzzTarget> targets = Targets.all().stream().filter(t -> only.isEmpty() || only.contains(t.name()))
                .toList();
        return targets.stream().map(target -> DynamicTest.dynamicTest(target.name(), () -> {
            Path scratch = Files.createDirectories(tmp.resolve(target.name().replace('.', '-')));
            FuzzRunner.Result result = FuzzRunner.run(target, iterations, seed, scratch, out.resolve("findings"));
            Files.writeString(report, result.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            System.out.println("fuzz " + result.line());
            assertThat(result.findings()).as(result.line()).isEmpty();
            assertThat(result.inputs()).isEqualTo(iterations);
        }));
    }
}
