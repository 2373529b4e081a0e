package dev.probe.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuroxReaderTest {
    @TempDir
    Path dir;

    private Path pair(String in, String label) throws IOException {
        Files.writeString(dir.resolve("x.label"), label);
        return Files.writeString(dir.resolve("x.in"), in);
    }

    @Test
    void readsAPairGivenEitherFile() throws Exception {
        Path in = pair("From the AP comes\nPresident  Bush .\n", "IN DT NNP VBZ\nNNP NNP\t.\n");
        Path label = dir.resolve("x.label");

        Corpus corpus = new NeuroxReader().read(in);

        assertThat(corpus.sentences()).hasSize(2);
        assertThat(corpus.sentences().get(0).words()).containsExactly("From", "the", "AP", "comes");
        assertThat(corpus.sentences().get(0).labels()).containsExactly("IN", "DT", "NNP", "VBZ");
        assertThat(corpus.sentences().get(1).words()).containsExactly("President", "Bush", ".");
        assertThat(corpus.sentences().get(1).line()).isEqualTo(2);
        assertThat(corpus.file()).isEqualTo(in);
        assertThat(corpus.labelColumn()).isEqualTo("label");
        // sha256 of "<sha of .in>:<sha of .label>"
        String expected = Hashes.sha256((Hashes.sha256(in) + ":" + Hashes.sha256(label))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(corpus.sha256()).isEqualTo(expected);
        assertThat(new NeuroxReader().read(label)).isEqualTo(corpus);
    }

    @Test
    void lineCountMismatchNamesBothFiles() throws IOException {
        Path in = pair("a b\nc\nd\n", "X Y\nZ\n");

        assertThatThrownBy(() -> new NeuroxReader().read(in))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("x.label")
                .hasMessageContaining("x.in")
                .hasMessageContaining("has 2 lines")
                .hasMessageContaining("has 3");
    }

    @Test
    void tokenCountMismatchNamesLabelFileLineAndCounts() throws IOException {
        Path in = pair("a b\nc d e f\n", "X Y\nZ Z Z\n");

        assertThatThrownBy(() -> new NeuroxReader().read(in))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("x.label:2:")
                .hasMessageContaining("has 3 labels but line 2 of")
                .hasMessageContaining("x.in has 4 tokens");
    }

    @Test
    void emptyLineIsAnEmptySentence() throws IOException {
        Path in = pair("a b\n\nc\n", "X Y\n\nZ\n");

        assertThatThrownBy(() -> new NeuroxReader().read(in))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("x.in:2:")
                .hasMessageContaining("empty sentence");
    }

    @Test
    void missingPartnerIsNoSuchFile() throws IOException {
        Path in = Files.writeString(dir.resolve("alone.in"), "a b\n");

        assertThatThrownBy(() -> new NeuroxReader().read(in))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("alone.label")
                .hasMessageContaining("no such file");
    }

    @Test
    void otherExtensionsAreRejected() {
        assertThatThrownBy(() -> new NeuroxReader().read(dir.resolve("x.tsv")))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("x.tsv")
                .hasMessageContaining("X.in and X.label");
    }
}
