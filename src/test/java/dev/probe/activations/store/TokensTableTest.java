package dev.probe.activations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
        TokensTable.write(file, COLUMNS, rows);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("sentence\tword\ttoken\tlabel");
        assertThat(lines.get(2)).isEqualTo("0\t1\ttab\\there\tX\\tY");
        assertThat(lines.get(3)).isEqualTo("1\t0\tline\\nbreak\\r\\n\t");
        assertThat(lines.get(4)).isEqualTo("1\t1\tback\\\\slash\\\\t\t\\\\");
        assertThat(TokensTable.read(file, COLUMNS)).isEqualTo(rows);
        assertThat(TokensTable.countRows(file, COLUMNS)).isEqualTo(5);
    }

    /** The one annotation column of these tests. */
    static final List<String> COLUMNS = List.of("label");

    /** Tokens other tools misread: quotes (pandas and csv open a quoted field at a leading "), NA-like words, … */
    static final List<TokenRow> HOSTILE = List.of(
            new TokenRow(0, 0, "\"", "``"),
            new TokenRow(0, 1, "'", "''"),
            new TokenRow(0, 2, "\\", "SYM"),
            new TokenRow(0, 3, "a\tb", "X"),
            new TokenRow(0, 4, "#", "#"),
            new TokenRow(1, 0, "\"quoted\"", "NN"),
            new TokenRow(1, 1, "NA", "null"),
            new TokenRow(1, 2, "nan", "NaN"),
            new TokenRow(1, 3, "\\t", "\\x41"),
            new TokenRow(1, 4, "bell\u0007nul\u0000del\u007f", "\u001f"),
            new TokenRow(2, 0, "\"", "\""),
            new TokenRow(2, 1, " lead and trail ", "é"));

    @Test
    void hostileTokensRoundTripAsDocumented() throws Exception {
        Path file = tmp.resolve("tokens.tsv");
        TokensTable.write(file, COLUMNS, HOSTILE);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(HOSTILE.size() + 1);
        assertThat(lines.get(1)).isEqualTo("0\t0\t\\\"\t``");
        assertThat(lines.get(4)).isEqualTo("0\t3\ta\\tb\tX");
        assertThat(lines.get(10)).isEqualTo("1\t4\tbell\\x07nul\\x00del\\x7f\t\\x1f");
        for (String line : lines) { // a field that starts with a quote would open a quoted field in csv and pandas
            assertThat(line.split("\t", -1)).noneMatch(field -> field.startsWith("\""));
        }
        assertThat(TokensTable.read(file, COLUMNS)).isEqualTo(HOSTILE);
    }

    @Test
    void pythonsCsvModuleAndPandasReadTheSameFields() throws Exception {
        Path file = tmp.resolve("tokens.tsv");
        TokensTable.write(file, COLUMNS, HOSTILE);
        Path expected = tmp.resolve("expected.json");
        new ObjectMapper().writeValue(expected.toFile(), HOSTILE.stream().map(r -> List.of(r.token(), r.value(0))).toList());
        List<String> pythons = Stream.of("/usr/bin/python3", "python3").filter(TokensTableTest::runs).toList();
        Assumptions.assumeFalse(pythons.isEmpty(), "no python3 on this machine");
        for (String python : pythons) {
            Process p = new ProcessBuilder(python, "scripts/check-tokens-tsv", file.toString(), expected.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(python + ": " + out).isZero();
            assertThat(out).startsWith("tokens.tsv OK: " + HOSTILE.size() + " rows");
        }
    }

    private static boolean runs(String python) {
        try {
            return new ProcessBuilder(python, "-c", "import csv").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void unknownEscapesAreKeptAsWritten() {
        assertThat(TokensTable.unescape("C:\\x\\")).isEqualTo("C:\\x\\");
        assertThat(TokensTable.escape("no specials")).isSameAs("no specials");
    }

    @Test
    void badHeaderIsAnErrorAtLineOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.tsv"), "sentence\tword\ttoken\n0\t0\ta\n");
        assertThatThrownBy(() -> TokensTable.read(file, COLUMNS))
                .isInstanceOf(ProbeException.class)
                .hasMessageStartingWith(file + ":1: expected the header");
        Path empty = Files.writeString(tmp.resolve("e.tsv"), "");
        assertThatThrownBy(() -> TokensTable.countRows(empty, COLUMNS)).hasMessageContaining("found an empty file");
    }

    @Test
    void wrongFieldCountNamesTheLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.tsv"), TokensTable.header(COLUMNS) + "\n0\t0\ta\tN\n0\t1\tb\n");
        assertThatThrownBy(() -> TokensTable.read(file, COLUMNS))
                .isInstanceOf(ProbeException.class)
                .hasMessage(file + ":3: expected 4 tab-separated fields, found 3");
    }

    @Test
    void badIndexNamesTheLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("t.tsv"), TokensTable.header(COLUMNS) + "\n0\t-1\ta\tN\n");
        assertThatThrownBy(() -> TokensTable.read(file, COLUMNS))
                .hasMessage(file + ":2: word index must be a non-negative integer, found '-1'");
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        Path file = tmp.resolve("t.tsv");
        Files.write(file, (TokensTable.header(COLUMNS) + "\n0\t0\ta\tN\n0\t1\t\u00ff\tN\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TokensTable.countRows(file, COLUMNS))
                .hasMessage(file + ":3: not valid UTF-8 (tokens.tsv files must be UTF-8)");
    }

    @Test
    void missingFileIsNamed() {
        Path file = tmp.resolve("none.tsv");
        assertThatThrownBy(() -> TokensTable.countRows(file, COLUMNS)).hasMessage(file + ": file not found");
    }
}
