package dev.probe.testing;

import dev.probe.cli.ProbeCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code probe} command line in a separate JVM, for tests that kill it ({@code kill -9}) or signal it (SIGTERM).
 * It runs with this test JVM's class path and model cache; its stderr goes to a file.
 */
public final class Subprocess {
    private Subprocess() {
    }

    /** Starts {@code probe args…}, stderr to {@code stderr}, stdout discarded. */
    public static Process start(Path stderr, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dai.djl.offline=true"));
        String home = System.getProperty("probe.home");
        if (home != null) {
            command.add("-Dprobe.home=" + home);
        }
        command.addAll(List.of("-cp", classpath, ProbeCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
    }

    /**
     * Waits until {@code file} exists or the process ends, polling every few milliseconds.
     *
     * @return whether the file exists
     */
    public static boolean awaitFile(Process process, Path file, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(file)) {
                return true;
            }
            if (!process.isAlive()) {
                return Files.exists(file);
            }
            Thread.sleep(2);
        }
        return Files.exists(file);
    }
}
