package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.SyntheticStores;
import dev.probe.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --device cpu|gpu} on the bundled CPU libtorch: {@code gpu} ends every PyTorch command with exit 2 and one line
 * before anything is read or written; {@code cpu} runs. The CUDA-machine cases are checked on {@link
 * DeviceOptions#problem} (scripts/gpu-check runs them for real on a GPU machine).
 */
class DeviceOptionsTest {
    @TempDir
    Path tmp;

    private final SyntheticStores.Data data = SyntheticStores.blobs(200, 20, 3, 3.0, 5);

    @BeforeEach
    void bundledLibtorch() {
        // with a CUDA libtorch configured, the engine is not the bundled CPU build these tests are about
        assumeTrue(System.getenv("PYTORCH_LIBRARY_PATH") == null && System.getenv("PYTORCH_FLAVOR") == null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"extract", "train", "rank", "intervene"})
    void gpuWithoutCudaExitsTwoWithOneLineAndWritesNothing(String command) throws Exception {
        Path store = SyntheticStores.write(tmp.resolve("store"), data, StoreDtype.FLOAT32);
        Path out = tmp.resolve("out");
        String[] args = switch (command) {
            case "extract" -> new String[] {"--input", tmp.resolve("no-such.conllu").toString()};
            case "intervene" -> new String[] {"--ranking", tmp.resolve("no-such").toString(), "--train",
                store.toString(), "--dev", store.toString(), "--set", "top:10"};
            default -> new String[] {"--train", store.toString(), "--dev", store.toString()};
        };
        String[] all = new String[args.length + 6];
        all[0] = command;
        all[1] = "--device";
        all[2] = "gpu";
        all[3] = "-q";
        all[4] = "--out";
        all[5] = out.toString();
        System.arraycopy(args, 0, all, 6, args.length);
        CliRun run = CliRun.run(all);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        // the device is checked first: not the missing corpus or ranking
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("probe: --device gpu: no CUDA GPU is visible to the PyTorch engine (the bundled libtorch ")
                .contains("PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR (README, \"GPU\")")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void cpuRunsOnTheBundledLibtorch() throws Exception {
        Path train = SyntheticStores.write(tmp.resolve("train"), data, StoreDtype.FLOAT32);
        Path dev = SyntheticStores.write(tmp.resolve("dev"), SyntheticStores.blobs(60, 20, 3, 3.0, 6),
                StoreDtype.FLOAT32);
        Path out = tmp.resolve("probe");
        CliRun run = CliRun.run("train", "--device", "CPU", "-q", "--train", train.toString(), "--dev",
                dev.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("probe.json")).isRegularFile();
    }

    @Test
    void anUnknownDeviceIsAUsageError() {
        CliRun run = CliRun.run("train", "--device", "tpu", "--train", "x", "--out", tmp.resolve("p").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--device").contains("tpu");
    }

    @Test
    void problemNamesWhatToChangeOnEitherMachine() {
        assertThat(DeviceOptions.problem(DeviceOptions.Kind.GPU, true, "x")).isNull();
        assertThat(DeviceOptions.problem(DeviceOptions.Kind.CPU, false, "x")).isNull();
        assertThat(DeviceOptions.problem(DeviceOptions.Kind.GPU, false, "libtorch L"))
                .startsWith("--device gpu: no CUDA GPU is visible to the PyTorch engine (libtorch L)");
        assertThat(DeviceOptions.problem(DeviceOptions.Kind.CPU, true, "libtorch L"))
                .isEqualTo("--device cpu: the PyTorch engine computes on gpu(0) (libtorch L, a CUDA build with a "
                        + "visible GPU); hide the GPUs with CUDA_VISIBLE_DEVICES= (empty) to compute on the CPU");
    }
}
