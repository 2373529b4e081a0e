package dev.probe.fuzz;

import dev.probe.ProbeException;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Hashes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Feeds a target its seeds, then mutated seeds, and sorts the outcomes: accepted, rejected cleanly (a
 * {@link ProbeException} whose message is one line naming the input file, with no Java class name), or a finding
 * (any other exception or error, or an unclear message). Findings are saved under {@code findings/} to be replayed.
 */
final class FuzzRunner {
    /**
     * The outcome counts of one target.
     *
     * @param target the target's name
     * @param inputs inputs fed
     * @param accepted inputs parsed without error
     * @param rejected inputs refused with a clean one-line error
     * @param findings descriptions of the other outcomes (at most the first 20 are kept)
     * @param findingCount how many other outcomes there were
     * @param seconds wall time
     */
    record Result(String target, long inputs, long accepted, long rejected, List<String> findings, long findingCount,
            double seconds) {
        /** One line for the report. */
        String line() {
            return String.format(Locale.ROOT, "%-14s inputs %8d  accepted %8d  rejected cleanly %8d  other %d  (%.1f s)",
                    target, inputs, accepted, rejected, findingCount, seconds);
        }
    }

    private FuzzRunner() {
    }

    /**
     * Runs {@code iterations} inputs (the seeds first) through a target.
     *
     * @param scratch a folder for the target's files
     * @param findingsDir where inputs that gave a finding are saved
     */
    static Result run(FuzzTarget target, long iterations, long seed, Path scratch, Path findingsDir)
            throws Exception {
        List<byte[]> seeds = target.seeds();
        Mutator mutator = new Mutator(seed);
        List<String> findings = new ArrayList<>();
        long accepted = 0;
        long rejected = 0;
        long findingCount = 0;
        long start = System.nanoTime();
        java.util.SplittableRandom pick = new java.util.SplittableRandom(seed ^ 0x9e3779b97f4a7c15L);
        for (long i = 0; i < iterations; i++) {
            byte[] input = i < seeds.size() ? seeds.get((int) i)
                    : mutator.mutate(seeds.get(pick.nextInt(seeds.size())), seeds.get(pick.nextInt(seeds.size())));
            String problem;
            try {
                target.run(input, scratch);
                accepted++;
                continue;
            } catch (ProbeException e) {
                problem = unclear(e, scratch, input);
                if (problem == null) {
                    rejected++;
                    continue;
                }
            } catch (Throwable t) { // the point of fuzzing: anything else is a finding
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                problem = trace.toString().lines().limit(6).reduce((a, b) -> a + " | " + b).orElse(t.toString());
            }
            findingCount++;
            if (findings.size() < 20) {
                String name = Hashes.sha256(input).substring(0, 16);
                Files.createDirectories(findingsDir);
                Files.write(findingsDir.resolve(target.name() + "-" + name + ".bin"), input);
                findings.add(target.name() + "-" + name + ".bin: " + problem);
            }
            if (i >= seeds.size() && accepted + rejected == 0 && findingCount > 50) {
                break; // the seeds themselves fail: no point going on
            }
        }
        cleanScratch(scratch);
        return new Result(target.name(), accepted + rejected + findingCount, accepted, rejected, findings,
                findingCount, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Null for a clean message: one line, naming a file in the scratch folder, no Java class names (unless the input
     * itself holds that text, which a message may quote).
     */
    static String unclear(ProbeException e, Path scratch, byte[] input) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "ProbeException without a message";
        }
        if (m.contains("\n") || m.contains("\r")) {
            return "message of several lines: " + m.replace("\n", "\\n");
        }
        if (!m.contains(scratch.toString())) {
            return "message names no input file: " + m;
        }
        String latin = new String(input, StandardCharsets.ISO_8859_1);
        String utf8 = new String(input, StandardCharsets.UTF_8);
        for (String internal : List.of("dev.probe.", "java.", "Exception")) {
            if (m.contains(internal) && !latin.contains(internal) && !utf8.contains(internal)) {
                return "message shows Java internals: " + m;
            }
        }
        return null;
    }

    private static void cleanScratch(Path scratch) throws IOException {
        AtomicDirectory.deleteTree(scratch);
        Files.createDirectories(scratch);
    }
}
