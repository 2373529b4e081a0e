package dev.probe.activations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTableTest {

    @TempDir
    Path tmp;

    @Test
    void escapesRoundTrip() throws Exception {
        List<TokenRow> rows = List.of(
                new TokenRow(0, 0, "plain", "NOUN"),
                new TokenRow(0, 1, "tab\there", "X\tY"),
                new TokenRow(1, 0, "line\nbreak\r\n", ""),
                new TokenRow(1, 1, "back\\slash\\t", "\\"),
                new TokenRow(2, 0, "ünïcødé 中文", "PUNCT"));
        Path file = tmp.resolve("tokens.tsv");
        TokensTable.write(file, rows);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("sentence\tword\ttoken\tlabel");
        assertThat(lines.get(2)).isEqualTo("0\t1\ttab\\there\tX\\tY");
        assertThat(lines.get(3)).isEqualTo("1\t0\tline\\nbreak\\r\\n\t");
        assertThat(lines.get(4)).isEqualTo("1\t1\tback\\\\slash\\\\t\t\\\\");
        assertThat(TokensTable.read(file)).isEqualTo(rows);
        assertThat(TokensTable.countRows(file)).isEqualTo(5);
    }

    @Test
    void unknownEscapesAreKeptAsWritten() {
        assertThat(TokensTable.unescape("C:\\x\\")).isEqualTo("C:\\x\\");
        assertThat(TokensTable.escape("no specials")).isSameAs("no specials");
    }

    @Test
    void badHeaderIsAnErrorAtLineOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.tsv"), "sentence\tword\ttoken\n0\t0\ta\n");
        assertThatThrownBy(() -> TokensTable.read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageStartingWith(file + ":1: expected the header");
        Path empty = Files.writeString(tmp.resolve("e.tsv"), "");
        assertThatThrownBy(() -> TokensTable.countRows(empty)).hasMessageContaining("found an empty file");
    }

    @Test
    void wrongFieldCountNamesTheLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.tsv"), TokensTable.HEADER + "\n0\t0\ta\tN\n0\t1\tb\n");
        assertThatThrownBy(() -> TokensTable.read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessage(file + ":3: expected 4 tab-separated fields, found 3");
    }

    @Test
    void badIndexNamesTheLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.tsv"), TokensTable.HEADER + "\n0\t-1\ta\tN\n");
        assertThatThrownBy(() -> TokensTable.read(file))
                .hasMessage(file + ":2: word index must be a non-negative integer, found '-1'");
    }

    @Test
    void missingFileIsNamed() {
        Path file = tmp.resolve("none.tsv");
        assertThatThrownBy(() -> TokensTable.countRows(file)).hasMessage(file + ": file not found");
    }
}
