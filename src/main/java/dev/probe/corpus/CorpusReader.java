package dev.probe.corpus;

import dev.probe.ProbeException;
import java.nio.file.Path;

/**
 * Reads one annotated corpus file into memory. Implementations read UTF-8 text and report every problem with the data
 * as a {@link ProbeException} naming the file and line.
 */
public interface CorpusReader {

    /**
     * Reads a corpus.
     *
     * @param file the corpus file
     * @return its sentences (possibly none), with the file's SHA-256
     * @throws ProbeException if the file is missing, unreadable, not UTF-8 or malformed
     */
    Corpus read(Path file) throws ProbeException;
}
