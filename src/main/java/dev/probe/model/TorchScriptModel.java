package dev.probe.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TorchScript module that takes {@code (input_ids, attention_mask)} (int64 {@code [batch, seq]}) and returns the
 * tuple (or list) of hidden states {@code [batch, seq, hidden]}, embedding output first — what Hugging Face's
 * {@code output_hidden_states=True} gives. {@code docs/torchscript.md} shows how to export one. FFN activations are not
 * available.
 */
public final class TorchScriptModel implements Transformer {
    private final Model model;
    private final Block block;
    private final ModelInfo info;

    private TorchScriptModel(Model model, ModelInfo info) {
        this.model = model;
        this.block = model.getBlock();
        this.info = info;
    }

    /**
     * Loads a module and runs it once on a two-token input to learn its layer count and width.
     *
     * @param file the TorchScript file
     * @param maxTokens the longest sequence the module accepts
     * @throws ProbeException if the file is missing, is not a TorchScript module, or its outputs are not hidden states
     */
    public static TorchScriptModel load(Path file, int maxTokens) throws ProbeException {
        if (!Files.isRegularFile(file)) {
            // Checked here: given a missing "x", DJL would silently load "x.pt" from the same folder.
            throw new ProbeException(file, "no such TorchScript file");
        }
        Model model = Model.newInstance("torchscript", "PyTorch");
        try {
            model.load(file.toAbsolutePath().getParent(), file.getFileName().toString());
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDList out = run(model.getBlock(), scope, scope.create(new long[] {0, 0}, new Shape(1, 2)),
                        scope.ones(new Shape(1, 2), DataType.INT64));
                int hidden = checkOutputs(file, out);
                return new TorchScriptModel(model, new ModelInfo("torchscript", out.size() - 1, hidden, 0, maxTokens));
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ProbeException(file, "cannot load TorchScript module: " + firstLine(e), e);
        } catch (ProbeException e) {
            model.close();
            throw e;
        }
    }

    /** Checks that a run on one sequence of two tokens gave L+1 >= 2 arrays [1, 2, hidden]; returns hidden. */
    private static int checkOutputs(Path file, NDList out) throws ProbeException {
        Shape first = out.isEmpty() ? null : out.get(0).getShape();
        if (out.size() < 2 || first.dimension() != 3 || first.get(0) != 1 || first.get(1) != 2) {
            throw new ProbeException(file, "the TorchScript module must return a tuple of at least 2 hidden states "
                    + "[batch, seq, hidden] (embeddings first); for input [1, 2] it returned " + shapes(out));
        }
        for (NDArray array : out) {
            if (!array.getShape().equals(first)) {
                throw new ProbeException(file, "the hidden states returned by the TorchScript module differ in shape: "
                        + shapes(out));
            }
        }
        return Math.toIntExact(first.get(2));
    }

    private static String shapes(NDList out) {
        List<String> shapes = new ArrayList<>(out.size());
        for (NDArray array : out) {
            shapes.add(array.getShape().toString());
        }
        return out.size() + " arrays " + shapes;
    }

    /** libtorch messages carry a C++ backtrace after the first line; the user sees the first line only. */
    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    private static NDList run(Block block, NDManager scope, NDArray ids, NDArray mask) {
        NDList out = block.forward(new ParameterStore(scope, false), new NDList(ids, mask), false);
        out.attach(scope);
        return out;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public LayerOutputs forward(TokenBatch batch, ProbePoint point, List<Integer> layers) {
        if (point != ProbePoint.HIDDEN) {
            throw new IllegalArgumentException("a TorchScript module exposes hidden states only");
        }
        try (NDManager scope = model.getNDManager().newSubManager()) {
            Shape shape = new Shape(batch.size(), batch.length());
            NDList out = run(block, scope, scope.create(batch.inputIds(), shape),
                    scope.create(batch.attentionMask(), shape));
            List<float[]> values = new ArrayList<>(layers.size());
            for (int layer : layers) {
                values.add(out.get(layer).toType(DataType.FLOAT32, false).toFloatArray());
            }
            return new LayerOutputs(batch.size(), batch.length(), info.hiddenSize(), layers, values);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
