package dev.probe.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsTabSeparatedColumnsWithCommentsAndAHashToken() throws Exception {
        // Lines 1-2 are comments (no TAB); "#<TAB>SYM" at line 5 is a token. The second sentence (line 8) has no
        // blank line after it.
        Path file = write("tab.tsv", String.join("\n",
                "# sent_id = s1",
                "#",
                "Call\tVB\tv.communication",
                "room\tNN\tn.LOCATION",
                "#\tSYM\tO",
                "",
                "# sent_id = s2",
                "Great\tJJ\tO",
                "!\t.\tO"));

        Corpus pos = new TsvReader(2).read(file);
        Corpus senses = new TsvReader(3).read(file);

        assertThat(pos.sentences()).hasSize(2);
        assertThat(pos.sentences().get(0).words()).containsExactly("Call", "room", "#");
        assertThat(pos.sentences().get(0).labels()).containsExactly("VB", "NN", "SYM");
        assertThat(pos.sentences().get(0).line()).isEqualTo(3);
        assertThat(pos.sentences().get(1).line()).isEqualTo(8);
        assertThat(senses.sentences().get(0).labels()).containsExactly("v.communication", "n.LOCATION", "O");
        assertThat(senses.labelColumn()).isEqualTo("3");
        assertThat(senses.format()).isEqualTo(CorpusFormat.TSV);
        assertThat(senses.labelCounts()).containsExactly(Map.entry("O", 3),
                Map.entry("n.LOCATION", 1), Map.entry("v.communication", 1));
    }

    @Test
    void readsSpaceSeparatedColumns() throws Exception {
        // CoNLL-2003 style: runs of spaces, leading/trailing spaces ignored, several blank lines between sentences.
        Path file = write("space.conll", String.join("\n",
                "EU   NNP  B-NP B-ORG",
                "  rejects VBZ B-VP O  ",
                "",
                "",
                "Peter NNP B-NP B-PER",
                ""));

        Corpus corpus = new TsvReader(4).read(file);

        assertThat(corpus.sentences()).hasSize(2);
        assertThat(corpus.sentences().get(0).words()).containsExactly("EU", "rejects");
        assertThat(corpus.sentences().get(0).labels()).containsExactly("B-ORG", "O");
        assertThat(corpus.sentences().get(1).line()).isEqualTo(5);
    }

    @Test
    void tokenColumnReadsUnerIob2() throws Exception {
        Path file = write("uner.iob2", String.join("\n",
                "# sent_id = a-1",
                "# text = in tampa bay",
                "1\tin\tO\t-\t-",
                "2\ttampa\tB-LOC\t-\tstephen",
                "3\tbay\tI-LOC\t-\tstephen",
                ""));

        Corpus corpus = new TsvReader(3, 2).read(file);

        assertThat(corpus.sentences().get(0).words()).containsExactly("in", "tampa", "bay");
        assertThat(corpus.sentences().get(0).labels()).containsExactly("O", "B-LOC", "I-LOC");
    }

    @Test
    void hashLineWithoutTabInsideASentenceIsAnError() throws IOException {
        Path file = write("hash.txt", "Call VB\n# NN\n");

        assertThatThrownBy(() -> new TsvReader(2).read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("hash.txt:2:")
                .hasMessageContaining("'#' line without a TAB inside a sentence");
    }

    @Test
    void shortLineNamesFileLineAndCounts() throws IOException {
        Path file = write("short.tsv", "Call\tVB\tv.communication\nroom\tNN\n");

        assertThatThrownBy(() -> new TsvReader(3).read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("short.tsv:2:")
                .hasMessageContaining("found 2 fields")
                .hasMessageContaining("label from column 3");
    }

    @Test
    void columnBeyondEveryLineFailsAtTheFirstToken() throws IOException {
        Path file = write("two.tsv", "# a comment\nCall\tVB\n");

        assertThatThrownBy(() -> new TsvReader(7).read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("two.tsv:2:")
                .hasMessageContaining("column 7");
    }

    @Test
    void emptyLabelFieldIsAnError() throws IOException {
        Path file = write("empty.tsv", "Call\t\n");

        assertThatThrownBy(() -> new TsvReader(2).read(file))
                .hasMessageContaining("empty.tsv:1:")
                .hasMessageContaining("empty label (column 2)");
    }

    @Test
    void columnsAreCheckedOnConstruction() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TsvReader(1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TsvReader(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new TsvReader(2, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> new TsvReader(2, 0));
        assertThat(new TsvReader(1, 2).column()).isEqualTo(1);
    }

    @Test
    void conlluContentIsRefusedWhenTheFormatCameFromTheFileNameOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("ewt.conll"),
                "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n\n");
        assertThatThrownBy(() -> Corpora.read(file, null, null)).isInstanceOf(ProbeException.class)
                .hasMessage(file + ":1: looks like CoNLL-U (10 TAB-separated fields starting with word ID 1), not"
                        + " token-per-line TSV: pass --format conllu (or --format tsv to read it as TSV)");
        Corpus asTsv = Corpora.read(file, CorpusFormat.TSV, "5", 2);
        assertThat(asTsv.sentences().get(0).words()).containsExactly("Hello", "there");
        assertThat(Corpora.read(file, CorpusFormat.CONLLU, null).wordCount()).isEqualTo(2);
    }

    @Test
    void wordsAndSentencesAreBounded() throws Exception {
        Path longWord = Files.writeString(dir.resolve("w.tsv"), "ok\tA\n" + "x".repeat(10_001) + "\tB\n");
        assertThatThrownBy(() -> new TsvReader(2).read(longWord))
                .hasMessage(longWord + ":2: a word of 10001 characters (at most 10000)");
        Path longSentence = Files.writeString(dir.resolve("s.tsv"), "w\tA\n".repeat(100_001));
        assertThatThrownBy(() -> new TsvReader(2).read(longSentence))
                .hasMessage(longSentence + ":1: a sentence of more than 100000 words (is a blank line between"
                        + " sentences missing?)");
    }
}
