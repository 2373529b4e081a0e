package dev.probe.activations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;

/** Checks the files against real NumPy; skipped where python3 or numpy is missing. */
class NumpyInteropTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void needNumpy() {
        Assumptions.assumeTrue(python("import numpy").exitCode == 0, "python3 with numpy is not available");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String code, String... args) {
        String[] command = new String[3 + args.length];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = code;
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.getMessage());
        }
    }

    private static Path writeMatrix(Path file, StoreDtype dtype) throws IOException {
        try (NpyMatrixWriter w = NpyMatrixWriter.create(file, 4, 7, dtype)) {
            for (int r = 3; r >= 0; r--) {
                float[] row = new float[7];
                for (int c = 0; c < 7; c++) {
                    row[c] = TestStores.value(r, c);
                }
                w.writeRows(r, row, 0, 1);
            }
        }
        return file;
    }

    @Test
    void numpyMemoryMapsWhatWeWrite() throws Exception {
        // TestStores.value(3, 5) = 3 * 0.5 - 5 * 0.25 = 0.25, exact in both dtypes
        Path f32 = writeMatrix(tmp.resolve("a.npy"), StoreDtype.FLOAT32);
        Path f16 = writeMatrix(tmp.resolve("h.npy"), StoreDtype.FLOAT16);
        String code = "import sys, numpy\nfor f in sys.argv[1:]:\n"
                + "    a = numpy.load(f, mmap_mode='r'); print(a.shape, a.dtype, float(a[3, 5]), float(a.sum()))";
        Result result = python(code, f32.toString(), f16.toString());
        assertThat(result.exitCode).as(result.output).isZero();
        // the sum over r < 4, c < 7 of r/2 - c/4 is 7 * 3 - 4 * 21 / 4 = 0
        assertThat(result.output.lines()).containsExactly("(4, 7) float32 0.25 0.0", "(4, 7) float16 0.25 0.0");
    }

    @Test
    void weReadWhatNumpyWrites() throws Exception {
        Path f32 = tmp.resolve("n32.npy");
        Path f16 = tmp.resolve("n16.npy");
        Path fortran = tmp.resolve("nf.npy");
        Path header = tmp.resolve("header.bin");
        Result result = python("import sys, numpy\n"
                + "a = numpy.arange(15, dtype='<f4').reshape(5, 3) / 4\n"
                + "numpy.save(sys.argv[1], a)\n"
                + "numpy.save(sys.argv[2], a.astype('<f2'))\n"
                + "numpy.save(sys.argv[3], numpy.asfortranarray(a))\n"
                + "open(sys.argv[4], 'wb').write(open(sys.argv[1], 'rb').read()[:128])",
                f32.toString(), f16.toString(), fortran.toString(), header.toString());
        assertThat(result.exitCode).as(result.output).isZero();
        for (Path file : new Path[] {f32, f16}) {
            try (NpyMatrix m = NpyMatrix.open(file)) {
                assertThat(m.rows()).isEqualTo(5);
                assertThat(m.cols()).isEqualTo(3);
                float[] all = new float[15];
                m.readRows(0, 5, all);
                for (int i = 0; i < 15; i++) {
                    assertThat(all[i]).isEqualTo(i / 4f);
                }
            }
        }
        assertThat(Files.readAllBytes(header)).containsExactly(NpyHeader.of(StoreDtype.FLOAT32, 5, 3).encode());
        assertThatThrownBy(() -> NpyMatrix.open(fortran))
                .isInstanceOf(ProbeException.class).hasMessageContaining("Fortran-order");
    }
}
