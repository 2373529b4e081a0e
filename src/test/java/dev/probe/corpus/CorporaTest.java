package dev.probe.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorporaTest {
    private static final String CONLLU = ConlluReaderTest.word("1", "Yes", "INTJ", "UH", "0", "root") + "\n"
            + ConlluReaderTest.word("2", "!", "PUNCT", ".", "1", "punct") + "\n\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void detectsTheFormatAndAppliesDefaultColumns() throws Exception {
        Corpus conllu = Corpora.read(write("a.conllu", CONLLU), null, null);
        Corpus tsv = Corpora.read(write("a.tsv", "Yes\tUH\n!\t.\n"), null, null);
        write("a.label", "UH .\n");
        Corpus neurox = Corpora.read(write("a.in", "Yes !\n"), null, "label");

        assertThat(conllu.labelColumn()).isEqualTo(Corpora.DEFAULT_CONLLU_COLUMN);
        assertThat(conllu.sentences().get(0).labels()).containsExactly("UH", ".");
        assertThat(tsv.labelColumn()).isEqualTo("2");
        assertThat(tsv.sentences().get(0).words()).isEqualTo(conllu.sentences().get(0).words());
        assertThat(tsv.sentences().get(0).labels()).isEqualTo(conllu.sentences().get(0).labels());
        assertThat(tsv.columns()).containsExactly("1", "2");
        assertThat(conllu.columns()).hasSize(10).contains("xpos", "deprel");
        assertThat(conllu.sentences().get(0).annotations().get(7)).containsExactly("root", "punct");
        assertThat(neurox.format()).isEqualTo(CorpusFormat.NEUROX);
        assertThat(neurox.sentences().get(0).labels()).containsExactly("UH", ".");
    }

    @Test
    void explicitFormatOverridesTheExtension() throws Exception {
        Path file = write("ewt.dat", CONLLU);

        Corpus corpus = Corpora.read(file, CorpusFormat.CONLLU, "deprel");

        assertThat(corpus.sentences().get(0).labels()).containsExactly("root", "punct");
        assertThatThrownBy(() -> Corpora.read(file, null, null)).hasMessageContaining("--format");
    }

    @Test
    void tokenColumnIsPassedToTsv() throws Exception {
        Path file = write("uner.iob2", "1\ttampa\tB-LOC\t-\t-\n");

        Corpus corpus = Corpora.read(file, null, "3", 2);

        assertThat(corpus.sentences().get(0).words()).containsExactly("tampa");
        assertThatThrownBy(() -> Corpora.read(write("b.conllu", CONLLU), null, null, 2))
                .hasMessageContaining("TSV corpora only");
        assertThatThrownBy(() -> Corpora.read(file, null, null, 2)).hasMessageContaining("--column");
    }

    @Test
    void badColumnsAreRejected() throws IOException {
        Path tsv = write("a.tsv", "Yes\tUH\n");
        Path conllu = write("a.conllu", CONLLU);
        write("a.label", "UH\n");
        Path in = write("a.in", "Yes\n");

        for (String column : new String[] {"1", "0", "-2", "two", ""}) {
            assertThatThrownBy(() -> Corpora.read(tsv, null, column))
                    .as(column)
                    .isInstanceOf(ProbeException.class)
                    .hasMessageContaining("a column number >= 2")
                    .hasMessageContaining("'" + column + "'");
        }
        assertThatThrownBy(() -> Corpora.read(tsv, null, "3"))
                .hasMessageContaining("a.tsv:1:")
                .hasMessageContaining("found 2 fields");
        assertThatThrownBy(() -> Corpora.read(conllu, null, "postag")).hasMessageContaining("unknown CoNLL-U column");
        assertThatThrownBy(() -> Corpora.read(in, null, "xpos")).hasMessageContaining("'label' or left out");
    }

    @Test
    void emptyCorpusIsAnError() throws IOException {
        Path comments = write("comments.conllu", "# sent_id = s1\n# text = \n\n\n");
        Path empty = write("empty.tsv", "");

        assertThatThrownBy(() -> Corpora.read(comments, null, "upos"))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("comments.conllu")
                .hasMessageContaining("empty corpus: no sentences");
        assertThatThrownBy(() -> Corpora.read(empty, null, null))
                .hasMessageContaining("empty.tsv")
                .hasMessageContaining("empty corpus: no sentences");
    }

    @Test
    void missingFileOrDirectoryIsAnError() {
        assertThatThrownBy(() -> Corpora.read(dir.resolve("nope.conllu"), null, "upos"))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("nope.conllu")
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> Corpora.read(dir.resolve("nope.weird"), null, null))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> Corpora.read(dir, CorpusFormat.TSV, null))
                .hasMessageContaining("is a directory");
    }

    @Test
    void malformedUtf8NamesFileAndLine() throws IOException {
        byte[] bytes = "Yes\tUH\n\nno\tDT\ncaf\u00e9\tNN\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 6] = (byte) 0xFF; // replaces the first byte of the two-byte "é" on line 4
        Path file = Files.write(dir.resolve("latin.tsv"), bytes);

        assertThatThrownBy(() -> Corpora.read(file, null, null))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("latin.tsv:4:")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void byteOrderMarkIsDropped() throws Exception {
        Path file = write("bom.tsv", "\uFEFFYes\tUH\n");

        assertThat(Corpora.read(file, null, null).sentences().get(0).words()).containsExactly("Yes");
    }
}
