package dev.probe.model;

import java.util.List;

/**
 * A model whose every forward pass applies the same {@link Intervention}: what {@code probe extract --intervene} runs,
 * so every later stage analyses the edited model. Closing it closes the model.
 */
final class EditedTransformer implements Transformer {
    private final Transformer model;
    private final Intervention edits;

    /**
     * @throws IllegalArgumentException when the model cannot apply edits
     */
    EditedTransformer(Transformer model, Intervention edits) {
        if (!model.supportsInterventions()) {
            throw new IllegalArgumentException(model.info().architecture() + " models cannot be edited inside their"
                    + " forward pass");
        }
        this.model = model;
        this.edits = edits;
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public LayerOutputs forward(TokenBatch batch, ProbePoint point, List<Integer> layers) {
        return model.forward(batch, point, layers, edits, false).layers();
    }

    @Override
    public boolean supportsInterventions() {
        return true;
    }

    @Override
    public boolean hasLmHead() {
        return model.hasLmHead();
    }

    @Override
    public ForwardResult forward(TokenBatch batch, ProbePoint point, List<Integer> layers, Intervention more,
            boolean withLm) {
        if (!more.isEmpty()) {
            throw new UnsupportedOperationException("an edited model takes no further edits");
        }
        return model.forward(batch, point, layers, edits, withLm);
    }

    @Override
    public void close() {
        model.close();
    }
}
