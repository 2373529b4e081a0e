package dev.probe.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TorchScript module that takes {@code (input_ids, attention_mask)} (int64 {@code [batch, seq]}) and returns the
 * tuple (or list) of hidden states {@code [batch, seq, hidden]}, embedding output first — what Hugging Face's
 * {@code output_hidden_states=True} gives. The README shows how to export one. FFN activations are not available.
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
     * @param maxTokens the longest sequence the module accepts
     */
    public static TorchScriptModel load(Path file, int maxTokens) throws ProbeException {
        Model model = Model.newInstance("torchscript", "PyTorch");
        try {
            model.load(file.toAbsolutePath().getParent(), file.getFileName().toString());
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDList out = run(model.getBlock(), scope, scope.create(new long[] {0, 0}, new Shape(1, 2)),
                        scope.ones(new Shape(1, 2), ai.djl.ndarray.types.DataType.INT64));
                if (out.isEmpty() || out.get(0).getShape().dimension() != 3) {
                    throw new ProbeException(file, "the TorchScript module must return a tuple of hidden states [batch, seq, hidden]");
                }
                int hidden = (int) out.get(0).getShape().get(2);
                return new TorchScriptModel(model, new ModelInfo("torchscript", out.size() - 1, hidden, 0, maxTokens));
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ProbeException(file, "cannot load TorchScript module: " + e.getMessage(), e);
        } catch (ProbeException e) {
            model.close();
            throw e;
        }
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
            NDList out = run(block, scope, scope.create(batch.inputIds(), shape), scope.create(batch.attentionMask(), shape));
            List<float[]> values = new ArrayList<>(layers.size());
            for (int layer : layers) {
                values.add(out.get(layer).toFloatArray());
            }
            return new LayerOutputs(batch.size(), batch.length(), info.hiddenSize(), layers, values);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
