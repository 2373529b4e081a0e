package dev.probe.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * One parser under fuzzing: its seed inputs and how to feed it one input. Feeding it may return (the input was
 * accepted) or throw a {@link dev.probe.ProbeException} (the clean, exit-2 class of error the CLI prints as one line);
 * anything else is a finding.
 */
public interface FuzzTarget {
    /** A short name ("safetensors", "conllu", …). */
    String name();

    /** Valid inputs to mutate, at least one. */
    List<byte[]> seeds() throws Exception;

    /**
     * Parses one input.
     *
     * @param input the bytes
     * @param scratch a folder this target may write its file into (the same folder for every input)
     * @return the file the input was written to, which a clean error must name
     */
    Path run(byte[] input, Path scratch) throws Exception;
}
