package dev.probe.probe;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.probe.model.Aligned;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * NeuroX's training schedule, kept for comparing with published NeuroX numbers ({@code --neurox}): a fixed number of
 * epochs of minibatch Adam on the elastic-net loss of NeuroX, with the L1 term's subgradient, on the PyTorch engine:
 *
 * <pre>loss = data_loss + λ1·Σ|W| + λ2·‖W‖_F</pre>
 *
 * where data_loss is the mean cross-entropy of {@code softmax(W·x + b)} (classification) or the mean squared error of
 * {@code W·x + b} (regression), ‖W‖_F is the Frobenius norm (not squared) and the bias is not penalised. Optimiser:
 * Adam (β = 0.9, 0.999, ε = 1e-8, as PyTorch). Weights start uniform in ±1/√width (PyTorch's {@code nn.Linear}
 * default). Each epoch visits the training rows in a fresh permutation drawn from the seed; minibatches are read from
 * the memory-mapped matrix, so the activations are never held in the heap. Every step runs in its own NDManager scope.
 * A fixed schedule does not solve the convex problem: its result depends on the batch size, the learning rate and the
 * number of epochs (docs/benchmarks.md), which is why {@link ElasticNetTrainer} solves it to convergence instead.
 */
final class AdamSchedule {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private AdamSchedule() {
    }

    /**
     * A probe trained on the schedule.
     *
     * @param probe the probe
     * @param epochLoss mean training loss per epoch (penalty included)
     */
    record Result(LinearProbe probe, double[] epochLoss) {
    }

    /**
     * Trains a probe.
     *
     * @param train training rows; class ids must be ≥ 0 (classification) or targets given (regression)
     * @param features the neurons read (standardisation statistics already fitted when wanted)
     * @param labels the label index (classification), or null (regression)
     * @param options settings (validated)
     * @param epochDone told after each epoch, with its index
     */
    static Result fit(ProbeData train, Features features, LabelIndex labels, ProbeOptions options,
            java.util.function.IntConsumer epochDone) {
        int width = features.width(train.matrix().cols());
        int outputs = options.task() == ProbeOptions.Task.CLASSIFICATION ? labels.size() : 1;
        int n = train.size();
        int batch = Math.min(options.batchSize(), Math.max(1, n));
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] epochLoss = new double[options.epochs()];
        try (NDManager base = NDManager.newBaseManager("PyTorch")) {
            NDArray w = Aligned.copy(base.create(uniform(random.split(), outputs * width, 1 / Math.sqrt(width)),
                    new Shape(outputs, width)));
            NDArray b = Aligned.copy(base.create(uniform(random.split(), outputs, 1 / Math.sqrt(width)), new Shape(outputs)));
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Adam adamW = new Adam(base, w.getShape());
            Adam adamB = new Adam(base, b.getShape());
            int[] order = new int[n];
            long step = 0;
            BatchStream batches = new BatchStream(train, features, batch, width);
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                permutation(order, random.split());
                batches.start(order);
                double lossSum = 0;
                for (BatchStream.Slot slot = batches.next(); slot != null; slot = batches.next()) {
                    step++;
                    lossSum += step(base, slot, w, b, adamW, adamB, options, outputs, width, step) * slot.count;
                }
                epochLoss[epoch] = lossSum / n;
                epochDone.accept(epoch);
            }
            LinearProbe probe = new LinearProbe(options.task(), labels, features, outputs, width, w.toFloatArray(),
                    b.toFloatArray());
            return new Result(probe, epochLoss);
        }
    }

    /** One optimisation step in its own scope; returns the batch's loss. */
    private static float step(NDManager base, BatchStream.Slot slot, NDArray w, NDArray b, Adam adamW, Adam adamB,
            ProbeOptions options, int outputs, int width, long t) {
        boolean classification = options.task() == ProbeOptions.Task.CLASSIFICATION;
        try (NDManager scope = base.newSubManager()) {
            scope.tempAttachAll(w, b);
            NDArray input = scope.create(slot.x, new Shape(slot.count, width), DataType.FLOAT32);
            NDArray target = Aligned.copy(scope.create(FloatBuffer.wrap(slot.y, 0, slot.count), new Shape(slot.count)));
            NDArray loss;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray scores = input.getNDArrayInternal().linear(input, w, b).singletonOrThrow();
                loss = classification ? crossEntropy(scores, target, outputs) : squaredError(scores, target);
                loss = loss.add(penalty(w, options.l1(), options.l2()));
                collector.backward(loss);
            }
            adamW.update(scope, w, w.getGradient(), options.learningRate(), t);
            adamB.update(scope, b, b.getGradient(), options.learningRate(), t);
            return loss.getFloat();
        }
    }

    /**
     * Mean cross-entropy of softmax(scores) against class ids given as floats. Every constant of an expression that
     * autograd differentiates is made in PyTorch's memory ({@link #constant}): a Java number operand ({@code div(n)})
     * lives in a JVM buffer that DJL frees when the operation returns, while autograd keeps reading it until
     * {@code backward()} — a garbage collection in between made runs differ (scripts/repro-djl-scalar-gc).
     */
    static NDArray crossEntropy(NDArray scores, NDArray classes, int outputs) {
        NDArray oneHot = classes.toType(DataType.INT64, false).oneHot(outputs);
        return scores.logSoftmax(1).mul(oneHot).sum().neg().div(constant(scores, scores.getShape().get(0)));
    }

    /** A scalar in PyTorch-owned memory, in {@code like}'s manager. */
    private static NDArray constant(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32);
    }

    /** Mean squared error of the single score column. */
    static NDArray squaredError(NDArray scores, NDArray targets) {
        return scores.reshape(-1).sub(targets).square().mean();
    }

    /** λ1·Σ|W| + λ2·‖W‖_F (constants in PyTorch memory, see {@link #crossEntropy}). */
    static NDArray penalty(NDArray w, double l1, double l2) {
        NDArray zero = w.getManager().zeros(new Shape());
        NDArray p = zero;
        if (l1 > 0) {
            p = p.add(w.abs().sum().mul(constant(w, l1)));
        }
        if (l2 > 0) {
            p = p.add(w.square().sum().sqrt().mul(constant(w, l2)));
        }
        return p;
    }

    private static float[] uniform(SplittableRandom random, int count, double bound) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    private static void permutation(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Adam's moment estimates for one parameter, updated in place. */
    private static final class Adam {
        private final NDArray m;
        private final NDArray v;

        Adam(NDManager manager, Shape shape) {
            m = manager.zeros(shape);
            v = manager.zeros(shape);
        }

        /** PyTorch's update: p −= lr/(1−β1^t) · m / (√v / √(1−β2^t) + ε). */
        void update(NDManager scope, NDArray parameter, NDArray gradient, double lr, long t) {
            scope.tempAttachAll(m, v);
            gradient = gradient.duplicate();
            parameter.getGradient().muli(0); // PyTorch accumulates gradients: clear them for the next step
            m.muli(BETA1).addi(gradient.mul(1 - BETA1));
            v.muli(BETA2).addi(gradient.square().muli(1 - BETA2));
            double bc1 = 1 - Math.pow(BETA1, t);
            double bc2 = Math.sqrt(1 - Math.pow(BETA2, t));
            NDArray denominator = v.sqrt().divi((float) bc2).addi(EPS);
            parameter.subi(m.div(denominator).muli((float) (lr / bc1)));
        }
    }
}
