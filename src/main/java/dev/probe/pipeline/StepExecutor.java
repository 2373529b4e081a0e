package dev.probe.pipeline;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs one step of a pipeline: {@code probe ARGS…}, such as {@code extract --input … --out …}. The command line runs it
 * in process; tests count or fake the steps.
 */
@FunctionalInterface
public interface StepExecutor {
    /**
     * Runs {@code probe args…}.
     *
     * @param args the subcommand and its arguments
     * @param out where the step's stdout goes
     * @param err where the step's stderr goes (its one-line error message, when it fails)
     * @return the exit code: 0 on success
     */
    int execute(List<String> args, PrintWriter out, PrintWriter err);
}
