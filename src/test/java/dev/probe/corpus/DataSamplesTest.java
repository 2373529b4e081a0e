package dev.probe.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reads every corpus slice in {@code data-samples/}; the counts are those in {@code data-samples/README.md}. */
class DataSamplesTest {
    private static final Path SAMPLES = Path.of("data-samples");

    private static Corpus read(String file, String column) throws Exception {
        return Corpora.read(SAMPLES.resolve(file), null, column);
    }

    @Test
    void udEwtSlices() throws Exception {
        Corpus train = read("ud-ewt/en_ewt-ud-train.sample.conllu", "xpos");
        Corpus dev = read("ud-ewt/en_ewt-ud-dev.sample.conllu", "xpos");
        Corpus test = read("ud-ewt/en_ewt-ud-test.sample.conllu", "xpos");

        assertThat(train.sentences()).hasSize(1000);
        assertThat(train.wordCount()).isEqualTo(21_857);
        assertThat(train.labelCounts()).hasSize(48);
        assertThat(dev.sentences()).hasSize(300);
        assertThat(dev.wordCount()).isEqualTo(5_708);
        assertThat(dev.labelCounts()).hasSize(47);
        assertThat(test.sentences()).hasSize(300);
        assertThat(test.wordCount()).isEqualTo(5_224);
        assertThat(test.labelCounts()).hasSize(45);
        // The first dev sentence, after its three comment lines.
        assertThat(dev.sentences().get(0).line()).isEqualTo(5);
        assertThat(String.join(" ", dev.sentences().get(0).words())).isEqualTo("From the AP comes this story :");
        assertThat(dev.sentences().get(0).labels()).containsExactly("IN", "DT", "NNP", "VBZ", "DT", "NN", ":");
    }

    @Test
    void udEwtOtherColumns() throws Exception {
        Corpus upos = read("ud-ewt/en_ewt-ud-dev.sample.conllu", "upos");
        Corpus deprel = read("ud-ewt/en_ewt-ud-dev.sample.conllu", "8");

        assertThat(upos.labelCounts()).hasSize(17);
        assertThat(deprel.labelCounts()).hasSize(46);
        assertThat(deprel.wordCount()).isEqualTo(5_708);
        assertThat(deprel.labelColumn()).isEqualTo("deprel");
    }

    @Test
    void streusleSlices() throws Exception {
        Corpus train = read("streusle/train.sample.tsv", "2");
        Corpus dev = read("streusle/dev.sample.tsv", "2");
        Corpus test = read("streusle/test.sample.tsv", null);

        assertThat(train.sentences()).hasSize(600);
        assertThat(train.wordCount()).isEqualTo(9_770);
        assertThat(train.labelCounts()).hasSize(83).containsEntry("O", 5_284);
        assertThat(dev.sentences()).hasSize(200);
        assertThat(dev.wordCount()).isEqualTo(1_895);
        assertThat(dev.labelCounts()).hasSize(70).containsEntry("O", 1_022);
        assertThat(test.sentences()).hasSize(200);
        assertThat(test.wordCount()).isEqualTo(2_111);
        assertThat(test.labelCounts()).hasSize(70).containsEntry("O", 1_161);
        // Line 3190 of train is "#<TAB>O": the sixth token of the sentence at line 3185, not a comment.
        assertThat(train.sentences().stream().filter(s -> s.words().contains("#")).toList())
                .singleElement()
                .satisfies(s -> assertThat(s.line()).isEqualTo(3185))
                .satisfies(s -> assertThat(s.words().subList(0, 7)).containsExactly("At", "3:15", "am", "on", "night",
                        "#", "2"));
    }

    @Test
    void neuroxSliceIsTheFirstFiftyDevSentencesWithXpos() throws Exception {
        Corpus neurox = read("neurox/ewt-dev.sample.in", null);
        Corpus dev = read("ud-ewt/en_ewt-ud-dev.sample.conllu", "xpos");

        assertThat(neurox.sentences()).hasSize(50);
        assertThat(neurox.wordCount()).isEqualTo(1_166);
        assertThat(neurox.labelCounts()).hasSize(41);
        List<Sentence> expected = dev.sentences().subList(0, 50);
        assertThat(neurox.sentences()).extracting(Sentence::words)
                .isEqualTo(expected.stream().map(Sentence::words).collect(Collectors.toList()));
        assertThat(neurox.sentences()).extracting(Sentence::labels)
                .isEqualTo(expected.stream().map(Sentence::labels).collect(Collectors.toList()));
        assertThat(neurox.sentences().get(49).line()).isEqualTo(50);
    }
}
