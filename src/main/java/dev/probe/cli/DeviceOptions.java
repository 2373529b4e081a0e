package dev.probe.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.probe.ProbeException;
import dev.probe.Provenance;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu|gpu}, shared by the commands that compute with PyTorch (extract, train, rank, intervene): checks,
 * before anything is read or written, that the PyTorch engine computes on the device asked for.
 *
 * <p>Every array of the tool is made by a base manager on the engine's default device ({@code NDManager
 * .newBaseManager("PyTorch")}, {@code Model.newInstance(…, "PyTorch")}), which DJL sets to {@code gpu(0)} when the
 * libtorch it loaded is a CUDA build and a GPU is visible, and to the CPU otherwise. So {@code --device gpu} passes
 * exactly when the arrays will be on {@code gpu(0)}, and {@code --device cpu} when they will be on the CPU; the other
 * case ends with exit code 2 and one line saying what to change (README, "GPU"). Without the option nothing is
 * checked and the engine's default applies.
 */
public final class DeviceOptions {
    /** The device asked for. */
    enum Kind {
        CPU, GPU;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--device", paramLabel = "cpu|gpu",
            description = "Check that PyTorch computes on this device, else exit 2 before doing anything: gpu needs a "
                    + "CUDA libtorch (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR; README \"GPU\") and a "
                    + "visible GPU (default: the engine's device, the CPU with the bundled libtorch).")
    Kind device;

    /**
     * Checks the engine's default device against {@code --device}; nothing without the option.
     *
     * @throws ProbeException naming {@code --device} when the engine does not load or computes elsewhere
     */
    void check() throws ProbeException {
        if (device == null) {
            return;
        }
        Device actual;
        try {
            actual = Engine.getEngine("PyTorch").defaultDevice();
        } catch (RuntimeException | LinkageError e) {
            throw new ProbeException("--device " + device.label() + ": the PyTorch engine did not load ("
                    + ProbeCommand.oneLine(String.valueOf(e.getMessage())) + "); check PYTORCH_LIBRARY_PATH, "
                    + "PYTORCH_VERSION and PYTORCH_FLAVOR (README, \"GPU\")");
        }
        String problem = problem(device, actual.isGpu(), libtorch());
        if (problem != null) {
            throw new ProbeException(problem);
        }
    }

    /**
     * Why {@code wanted} cannot be honoured when the engine's default device is a GPU ({@code engineOnGpu}) or not;
     * null when it can.
     *
     * @param libtorch the libtorch loaded, for the message
     */
    static String problem(Kind wanted, boolean engineOnGpu, String libtorch) {
        if (wanted == Kind.GPU && !engineOnGpu) {
            return "--device gpu: no CUDA GPU is visible to the PyTorch engine (" + libtorch + "); install a CUDA "
                    + "build of libtorch and point DJL at it with PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and "
                    + "PYTORCH_FLAVOR (README, \"GPU\")";
        }
        if (wanted == Kind.CPU && engineOnGpu) {
            return "--device cpu: the PyTorch engine computes on gpu(0) (" + libtorch + ", a CUDA build with a "
                    + "visible GPU); hide the GPUs with CUDA_VISIBLE_DEVICES= (empty) to compute on the CPU";
        }
        return null;
    }

    private static String libtorch() {
        String path = System.getenv("PYTORCH_LIBRARY_PATH");
        if (path != null && !path.isBlank()) {
            String flavor = System.getenv("PYTORCH_FLAVOR");
            return "libtorch from PYTORCH_LIBRARY_PATH=" + path + ", PYTORCH_FLAVOR="
                    + (flavor == null ? "(unset)" : flavor);
        }
        String version = Provenance.libtorchVersion();
        return "the bundled libtorch " + (version == null ? "of unknown version" : version);
    }
}
