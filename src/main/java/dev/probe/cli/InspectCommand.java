package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe inspect STORE}: checks an activation store and describes it, or prints its manifest. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Check an activation store and summarise it: model, layers, neurons, rows, labels.")
public final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "STORE", description = "Activation store directory.")
    private Path store;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws ProbeException {
        try (ActivationStore s = ActivationStore.open(store)) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(json.enabled ? s.manifest().toJson() : StoreSummary.describe(s));
            out.flush();
        }
        return 0;
    }
}
