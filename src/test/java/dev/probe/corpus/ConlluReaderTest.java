package dev.probe.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConlluReaderTest {
    /*
     * Two sentences. The first has a multiword range (3-4 "won't" = wo + n't) at line 5, which is skipped, and an empty
     * node 8.1 at line 12, also skipped: 9 words starting at line 3. The second starts at line 16 and the file ends
     * without the blank line after it.
     */
    private static final String TWO_SENTENCES = String.join("\n",
            "# sent_id = s1",
            "# text = I said won't go and Bill tea .",
            word("1", "I", "PRON", "PRP", "2", "nsubj"),
            word("2", "said", "VERB", "VBD", "0", "root"),
            word("3-4", "won't", "_", "_", "_", "_"),
            word("3", "wo", "AUX", "MD", "5", "aux"),
            word("4", "n't", "PART", "RB", "5", "advmod"),
            word("5", "go", "VERB", "VB", "2", "ccomp"),
            word("6", "and", "CCONJ", "CC", "8", "cc"),
            word("7", "Bill", "PROPN", "NNP", "2", "conj"),
            word("8", "tea", "NOUN", "NN", "7", "orphan"),
            word("8.1", "said", "VERB", "VBD", "_", "_"),
            word("9", ".", "PUNCT", ".", "2", "punct"),
            "",
            "# sent_id = s2",
            word("1", "Yes", "INTJ", "UH", "0", "root"),
            word("2", "!", "PUNCT", ".", "1", "punct"),
            word("3", "!", "PUNCT", ".", "1", "punct")) + "\n";

    @TempDir
    Path dir;

    static String word(String id, String form, String upos, String xpos, String head, String deprel) {
        return String.join("\t", id, form, form.toLowerCase(Locale.ROOT), upos, xpos, "_", head, deprel,
                "_", "_");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsUposSkippingRangesEmptyNodesAndComments() throws Exception {
        Path file = write("two.conllu", TWO_SENTENCES);
        Corpus corpus = new ConlluReader("upos").read(file);

        assertThat(corpus.sentences()).hasSize(2);
        Sentence first = corpus.sentences().get(0);
        assertThat(first.words()).containsExactly("I", "said", "wo", "n't", "go", "and", "Bill", "tea", ".");
        assertThat(first.labels())
                .containsExactly("PRON", "VERB", "AUX", "PART", "VERB", "CCONJ", "PROPN", "NOUN", "PUNCT");
        assertThat(first.line()).isEqualTo(3);
        Sentence second = corpus.sentences().get(1);
        assertThat(second.words()).containsExactly("Yes", "!", "!");
        assertThat(second.line()).isEqualTo(16);
        assertThat(corpus.wordCount()).isEqualTo(12);
        assertThat(corpus.format()).isEqualTo(CorpusFormat.CONLLU);
        assertThat(corpus.labelColumn()).isEqualTo("upos");
        assertThat(corpus.file()).isEqualTo(file);
        assertThat(corpus.sha256()).isEqualTo(Hashes.sha256(file));
    }

    @Test
    void readsXposDeprelAndColumnsByIndex() throws Exception {
        Path file = write("two.conllu", TWO_SENTENCES);

        assertThat(new ConlluReader("XPOS").read(file).sentences().get(0).labels())
                .containsExactly("PRP", "VBD", "MD", "RB", "VB", "CC", "NNP", "NN", ".");
        assertThat(new ConlluReader("deprel").read(file).sentences().get(1).labels())
                .containsExactly("root", "punct", "punct");
        Corpus byIndex = new ConlluReader("5").read(file);
        assertThat(byIndex.labelColumn()).isEqualTo("xpos");
        assertThat(byIndex.sentences()).isEqualTo(new ConlluReader(5).read(file).sentences());
        assertThat(new ConlluReader(8).read(file).labelCounts())
                .containsExactly(Map.entry("advmod", 1), Map.entry("aux", 1),
                        Map.entry("cc", 1), Map.entry("ccomp", 1), Map.entry("conj", 1),
                        Map.entry("nsubj", 1), Map.entry("orphan", 1),
                        Map.entry("punct", 3), Map.entry("root", 2));
    }

    @Test
    void acceptsAFileWithoutFinalNewlineAndCrLfLineEnds() throws Exception {
        String noNewline = TWO_SENTENCES.strip();
        Path crlf = write("crlf.conllu", TWO_SENTENCES.replace("\n", "\r\n"));

        assertThat(new ConlluReader("upos").read(write("bare.conllu", noNewline)).wordCount()).isEqualTo(12);
        assertThat(new ConlluReader("upos").read(crlf).sentences().get(1).labels())
                .containsExactly("INTJ", "PUNCT", "PUNCT");
    }

    @Test
    void raggedLineNamesFileLineAndFieldCount() throws IOException {
        Path file = write("ragged.conllu", String.join("\n",
                "# sent_id = s1",
                word("1", "I", "PRON", "PRP", "2", "nsubj"),
                "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_",
                ""));

        assertThatThrownBy(() -> new ConlluReader("upos").read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("ragged.conllu:3:")
                .hasMessageContaining("found 9");
    }

    @Test
    void nonIntegerIdIsAnError() throws IOException {
        Path file = write("id.conllu", word("1", "I", "PRON", "PRP", "2", "nsubj") + "\n"
                + word("two", "said", "VERB", "VBD", "0", "root") + "\n");

        assertThatThrownBy(() -> new ConlluReader("upos").read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("id.conllu:2:")
                .hasMessageContaining("ID 'two'");
    }

    @Test
    void idsMustRestartAtOneInEachSentence() throws IOException {
        Path missingBlank = write("joined.conllu", String.join("\n",
                word("1", "Yes", "INTJ", "UH", "0", "root"),
                "# sent_id = s2",
                word("1", "No", "INTJ", "UH", "0", "root"),
                ""));
        Path startsAtTwo = write("two.conllu", "\n" + word("2", "No", "INTJ", "UH", "0", "root") + "\n");

        assertThatThrownBy(() -> new ConlluReader("upos").read(missingBlank))
                .hasMessageContaining("joined.conllu:3:")
                .hasMessageContaining("word ID 1 where 2 was expected");
        assertThatThrownBy(() -> new ConlluReader("upos").read(startsAtTwo))
                .hasMessageContaining("two.conllu:2:")
                .hasMessageContaining("word ID 2 where 1 was expected");
    }

    @Test
    void unknownColumnListsTheValidNames() {
        assertThatThrownBy(() -> new ConlluReader("pos"))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("'pos'")
                .hasMessageContaining("upos, xpos, feats, head, deprel, deps, misc");
        assertThatThrownBy(() -> new ConlluReader("11")).isInstanceOf(ProbeException.class);
        assertThatThrownBy(() -> new ConlluReader("0")).isInstanceOf(ProbeException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> new ConlluReader(11));
    }

    @Test
    void columnNamesAreInFileOrder() throws ProbeException {
        assertThat(List.of("upos", "xpos", "feats", "deprel", "misc", "lemma", "head", "deps"))
                .extracting(name -> ConlluReader.COLUMNS.indexOf(name) + 1)
                .containsExactly(4, 5, 6, 8, 10, 3, 7, 9);
        assertThat(new ConlluReader(" Deprel ").column()).isEqualTo(8);
    }
}
