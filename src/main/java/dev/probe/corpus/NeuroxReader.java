package dev.probe.corpus;

import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NeuroX {@code X.in} / {@code X.label} file pairs.
 *
 * <p>Format: {@code X.in} has one sentence per line, tokens separated by spaces (runs of spaces or TABs are accepted);
 * {@code X.label} has the same number of lines, line {@code i} holding one label per token of line {@code i} of
 * {@code X.in}, separated the same way. There are no blank lines and no comments: an empty line is an error. Given
 * either file of the pair, the reader reads both; the corpus's {@link Corpus#file()} is the {@code .in} file and its
 * {@link Corpus#sha256()} covers both files (see {@link Corpus}).
 */
public final class NeuroxReader implements CorpusReader {

    /** A reader for NeuroX pairs. */
    public NeuroxReader() {
    }

    /**
     * The {@code .in} file of the pair {@code file} belongs to: {@code file} itself for {@code X.in}, its sibling for
     * {@code X.label}.
     *
     * @throws ProbeException if the file name ends in neither {@code .in} nor {@code .label}
     */
    public static Path inFile(Path file) throws ProbeException {
        return sibling(file, ".in");
    }

    /** The {@code .label} file of the pair {@code file} belongs to; see {@link #inFile(Path)}. */
    public static Path labelFile(Path file) throws ProbeException {
        return sibling(file, ".label");
    }

    @Override
    public Corpus read(Path file) throws ProbeException {
        Path in = inFile(file);
        Path label = labelFile(file);
        TextLines.checkReadable(in);
        TextLines.checkReadable(label);
        TextLines.All inAll = TextLines.readAll(in);
        TextLines.All labelAll = TextLines.readAll(label);
        List<String> inLines = inAll.lines();
        List<String> labelLines = labelAll.lines();
        if (inLines.size() != labelLines.size()) {
            throw new ProbeException(label, "has " + labelLines.size() + " lines but " + in + " has "
                    + inLines.size() + "; a NeuroX pair has one .label line per .in line");
        }
        List<Sentence> sentences = new ArrayList<>(inLines.size());
        for (int i = 0; i < inLines.size(); i++) {
            long number = i + 1;
            List<String> words = TextLines.splitOnBlanks(inLines.get(i));
            List<String> labels = TextLines.splitOnBlanks(labelLines.get(i));
            if (words.isEmpty()) {
                throw new ProbeException(in, number, "empty sentence (NeuroX .in files have one sentence per line and"
                        + " no blank lines)", null);
            }
            if (words.size() != labels.size()) {
                throw new ProbeException(label, number, "has " + count(labels.size(), "label") + " but line " + number
                        + " of " + in + " has " + count(words.size(), "token"), null);
            }
            if (words.size() > SentenceCollector.MAX_SENTENCE_WORDS) {
                throw new ProbeException(in, number, "a sentence of " + words.size() + " words (at most "
                        + SentenceCollector.MAX_SENTENCE_WORDS + ")", null);
            }
            for (int w = 0; w < words.size(); w++) {
                SentenceCollector.checkLength(in, number, words.get(w), "word");
                SentenceCollector.checkLength(label, number, labels.get(w), "label");
            }
            sentences.add(new Sentence(words, labels, number));
        }
        String pairHash = inAll.sha256() + ":" + labelAll.sha256();
        String sha256 = Hashes.sha256(pairHash.getBytes(StandardCharsets.UTF_8));
        return new Corpus(in, sha256, CorpusFormat.NEUROX, "label", sentences);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Path sibling(Path file, String extension) throws ProbeException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        for (String known : List.of(".in", ".label")) {
            if (name.endsWith(known) && name.length() > known.length()) {
                return file.resolveSibling(name.substring(0, name.length() - known.length()) + extension);
            }
        }
        throw new ProbeException(file, "a NeuroX corpus is a pair of files X.in and X.label; name one of them");
    }
}
