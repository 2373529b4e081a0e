package dev.probe.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentenceTest {

    @Test
    void copiesItsListsAndChecksLengths() {
        List<String> words = new ArrayList<>(List.of("a", "b"));
        Sentence sentence = new Sentence(words, List.of("X", "Y"), 7);
        words.add("c");

        assertThat(sentence.size()).isEqualTo(2);
        assertThat(sentence.words()).containsExactly("a", "b");
        assertThatThrownBy(() -> sentence.labels().add("Z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> new Sentence(List.of("a", "b"), List.of("X"), 1))
                .withMessageContaining("2 words but 1 labels");
        assertThatIllegalArgumentException().isThrownBy(() -> new Sentence(List.of(), List.of(), 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Sentence(List.of("a"), List.of("X"), -1));
    }

    @Test
    void corpusCountsWordsAndLabelsInLabelOrder() {
        Corpus corpus = new Corpus(Path.of("c.tsv"), "00", CorpusFormat.TSV, "2", List.of(
                new Sentence(List.of("the", "cat"), List.of("DT", "NN"), 1),
                new Sentence(List.of("a", "dog", "."), List.of("DT", "NN", "."), 4)));

        assertThat(corpus.wordCount()).isEqualTo(5);
        // "." sorts before the letters; the map iterates in label order.
        assertThat(corpus.labelCounts()).containsExactly(Map.entry(".", 1), Map.entry("DT", 2), Map.entry("NN", 2));
        assertThatThrownBy(() -> corpus.labelCounts().put("X", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
