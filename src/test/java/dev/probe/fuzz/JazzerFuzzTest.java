package dev.probe.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.probe.ProbeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The parsers of {@link Targets} as Jazzer fuzz tests (coverage-guided, libFuzzer mutations). Under {@code ./mvnw
 * verify} they run in Jazzer's regression mode (the inputs under {@code src/test/resources/dev/probe/fuzz/
 * JazzerFuzzTestInputs/<method>/} and an empty one); {@code scripts/fuzz --jazzer} fuzzes each for a while with
 * {@code JAZZER_FUZZ=1}. Every input must be accepted or refused with a clean one-line {@link ProbeException} naming
 * the file; anything else fails the test and Jazzer saves the input.
 */
class JazzerFuzzTest {
    private final Map<String, Path> scratch = new HashMap<>();

    private void feed(FuzzTarget target, byte[] input) throws Exception {
        Path dir = scratch.computeIfAbsent(target.name(), name -> {
            try {
                return Files.createTempDirectory("jazzer-" + name.replace('.', '-'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            target.run(input, dir);
        } catch (ProbeException e) {
            String problem = FuzzRunner.unclear(e, dir, input);
            if (problem != null) {
                throw new AssertionError(problem, e);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void safetensors(byte[] input) throws Exception {
        feed(Targets.safetensors(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void pytorch(byte[] input) throws Exception {
        feed(Targets.pytorch(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void npy(byte[] input) throws Exception {
        feed(Targets.npy(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void onnx(byte[] input) throws Exception {
        feed(Targets.onnx(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void conllu(byte[] input) throws Exception {
        feed(Targets.conllu(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void tsv(byte[] input) throws Exception {
        feed(Targets.tsv(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void neurox(byte[] input) throws Exception {
        feed(Targets.neurox(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void configJson(byte[] input) throws Exception {
        feed(Targets.configJson(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void yaml(byte[] input) throws Exception {
        feed(Targets.yaml(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void vocabTxt(byte[] input) throws Exception {
        feed(Targets.vocabTxt(), input);
    }

    @FuzzTest(maxDuration = "60s")
    void spieceModel(byte[] input) throws Exception {
        feed(Targets.spieceModel(), input);
    }
}
