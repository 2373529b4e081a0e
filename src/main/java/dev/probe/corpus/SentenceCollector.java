package dev.probe.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the word lines of a column file into sentences: words and labels accumulate until a blank line (or the end of
 * the file) closes the sentence, which remembers the line its first word came from.
 */
final class SentenceCollector {
    private final List<Sentence> sentences = new ArrayList<>();
    private final List<String> words = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private long firstLine;

    /** Whether a sentence is open (has words). */
    boolean inSentence() {
        return !words.isEmpty();
    }

    /** Words of the open sentence so far. */
    int openWords() {
        return words.size();
    }

    /** Adds a word read at {@code line}. */
    void add(String word, String label, long line) {
        if (words.isEmpty()) {
            firstLine = line;
        }
        words.add(word);
        labels.add(label);
    }

    /** Closes the open sentence, if any (a blank line, or the end of the file). */
    void end() {
        if (!words.isEmpty()) {
            sentences.add(new Sentence(words, labels, firstLine));
            words.clear();
            labels.clear();
        }
    }

    /** Every sentence, after closing the open one. */
    List<Sentence> sentences() {
        end();
        return sentences;
    }
}
