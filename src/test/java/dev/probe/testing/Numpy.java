package dev.probe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Checks files with the real NumPy, when python3 and numpy are installed (the calling test is skipped otherwise). */
public final class Numpy {
    private Numpy() {
    }

    /** Loads an {@code .npy} file memory-mapped and returns NumPy's {@code "(shape) dtype"}, e.g. {@code "(3, 4) float32"}. */
    public static String describe(Path npy) throws IOException, InterruptedException {
        Process check;
        try {
            check = new ProcessBuilder("python3", "-c", "import sys, numpy; a = numpy.load(sys.argv[1], mmap_mode='r');"
                    + " print(a.shape, a.dtype)", npy.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed");
            return "";
        }
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeFalse(output.contains("No module named"), "numpy is not installed");
        return output.trim();
    }
}
