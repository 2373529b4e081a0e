package dev.probe.corpus;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gathers the word lines of a column file into sentences: words and labels accumulate until a blank line (or the end of
 * the file) closes the sentence, which remembers the line its first word came from. Words and labels are bounded to
 * {@value #MAX_WORD_CHARS} characters and sentences to {@value #MAX_SENTENCE_WORDS} words, each with an error naming the
 * line, so a hostile file cannot fill the memory or produce rows other tools cannot read.
 */
final class SentenceCollector {
    /** The longest word or label, in characters. */
    static final int MAX_WORD_CHARS = 10_000;
    /** The most words in one sentence. */
    static final int MAX_SENTENCE_WORDS = 100_000;

    private final Path file;
    private final List<Open> closed = new ArrayList<>();
    private final List<String> words = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<String[]> values = new ArrayList<>();
    private long firstLine;
    private long totalWords;

    /** A collector for the sentences of {@code file} (named in errors). */
    SentenceCollector(Path file) {
        this.file = file;
    }

    /** Whether a sentence is open (has words). */
    boolean inSentence() {
        return !words.isEmpty();
    }

    /** Words of the open sentence so far. */
    int openWords() {
        return words.size();
    }

    /** A closed sentence whose annotation columns are not yet padded to the corpus's width. */
    private record Open(List<String> words, List<String> labels, long line, List<String[]> values) {
    }

    /**
     * Adds a word read at {@code line}.
     *
     * @param values the word's value in every annotation column of its line (label and word included)
     */
    void add(String word, String label, String[] values, long line) throws ProbeException {
        checkLength(file, line, word, "word");
        checkLength(file, line, label, "label");
        for (String value : values) {
            checkLength(file, line, value, "field");
        }
        if (words.isEmpty()) {
            firstLine = line;
        }
        if (words.size() == MAX_SENTENCE_WORDS) {
            throw new ProbeException(file, firstLine, String.format(Locale.ROOT, "a sentence of more than %d words"
                    + " (is a blank line between sentences missing?)", MAX_SENTENCE_WORDS), null);
        }
        if (++totalWords > Integer.MAX_VALUE - 8) {
            throw new ProbeException(file, line, "more than 2^31 words: too large for one store", null);
        }
        words.add(word);
        labels.add(label);
        this.values.add(values.clone());
    }

    /** Fails when a word or label is longer than {@link #MAX_WORD_CHARS}. */
    static void checkLength(Path file, long line, String text, String what) throws ProbeException {
        if (text.length() > MAX_WORD_CHARS) {
            throw new ProbeException(file, line, String.format(Locale.ROOT, "a %s of %d characters (at most %d)",
                    what, text.length(), MAX_WORD_CHARS), null);
        }
    }

    /** Closes the open sentence, if any (a blank line, or the end of the file). */
    void end() {
        if (!words.isEmpty()) {
            closed.add(new Open(List.copyOf(words), List.copyOf(labels), firstLine, List.copyOf(values)));
            words.clear();
            labels.clear();
            values.clear();
        }
    }

    /** The most annotation values any word has had so far. */
    int widestLine() {
        int widest = 0;
        for (Open s : closed) {
            for (String[] v : s.values()) {
                widest = Math.max(widest, v.length);
            }
        }
        for (String[] v : values) {
            widest = Math.max(widest, v.length);
        }
        return widest;
    }

    /**
     * Every sentence, after closing the open one, with {@code columns} annotation columns: a word whose line had fewer
     * fields gets empty values in the missing columns.
     */
    List<Sentence> sentences(int columns) {
        end();
        List<Sentence> sentences = new ArrayList<>(closed.size());
        for (Open s : closed) {
            List<List<String>> annotations = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                List<String> column = new ArrayList<>(s.words().size());
                for (String[] v : s.values()) {
                    column.add(c < v.length ? v[c] : "");
                }
                annotations.add(column);
            }
            sentences.add(new Sentence(s.words(), s.labels(), s.line(), annotations));
        }
        return sentences;
    }
}
