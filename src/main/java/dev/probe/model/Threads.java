package dev.probe.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** The PyTorch engine's thread pools. */
public final class Threads {
    private Threads() {
    }

    /**
     * Sets the number of intra-op threads of PyTorch (matrix products, …) and one inter-op thread. Applies to the whole
     * process.
     *
     * @param threads at least 1
     */
    public static void configure(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        Engine.getEngine("PyTorch"); // loads the native library
        JniUtils.setNumThreads(threads);
    }

    /** Probe training: one PyTorch thread per core (extraction instead runs passes in parallel, one thread each). */
    public static void configureForTraining() {
        configure(Runtime.getRuntime().availableProcessors());
    }
}
