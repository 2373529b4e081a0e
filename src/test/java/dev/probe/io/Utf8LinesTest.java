package dev.probe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Utf8LinesTest {
    @TempDir
    Path tmp;

    private List<String> lines(byte[] bytes, int max) throws Exception {
        Path file = Files.write(tmp.resolve("f.txt"), bytes);
        List<String> out = new ArrayList<>();
        try (Utf8Lines in = Utf8Lines.open(file, max, "test files")) {
            for (String l = in.next(); l != null; l = in.next()) {
                out.add(l + "@" + in.lineNumber());
            }
            assertThat(in.sha256()).isEqualTo(Hashes.sha256(bytes));
        }
        return out;
    }

    private List<String> lines(String text) throws Exception {
        return lines(text.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    @Test
    void lfCrlfAndLoneCrAllEndALine() throws Exception {
        assertThat(lines("a\nb\r\nc\rd")).containsExactly("a@1", "b@2", "c@3", "d@4");
        assertThat(lines("a\r\r\nb\r")).containsExactly("a@1", "@2", "b@3");
        assertThat(lines("\r\n\r\n")).containsExactly("@1", "@2");
        assertThat(lines("")).isEmpty();
    }

    @Test
    void aByteOrderMarkIsDroppedFromTheFirstLineOnly() throws Exception {
        assertThat(lines("\uFEFFx\n\uFEFFy\n")).containsExactly("x@1", "\uFEFFy@2");
    }

    @Test
    void aCrLfSplitAcrossTheReadBufferIsOneLineEnd() throws Exception {
        String first = "x".repeat((1 << 16) - 1);
        assertThat(lines(first + "\r\ny")).containsExactly(first + "@1", "y@2");
    }

    @Test
    void aLineOverTheLimitIsAnErrorAtItsLine() throws Exception {
        assertThatThrownBy(() -> lines("ok\n12345\n".getBytes(StandardCharsets.UTF_8), 4))
                .isInstanceOf(ProbeException.class).hasMessageEndingWith(":2: line longer than 4 bytes; is this really"
                        + " a text file?");
        assertThat(lines("ok\n1234\n".getBytes(StandardCharsets.UTF_8), 4)).containsExactly("ok@1", "1234@2");
    }

    @Test
    void malformedUtf8NamesItsLine() {
        byte[] bytes = {'a', '\n', (byte) 0xC3, '\n'};
        assertThatThrownBy(() -> lines(bytes, 100)).isInstanceOf(ProbeException.class)
                .hasMessageEndingWith(":2: not valid UTF-8 (test files must be UTF-8)");
    }

    @Test
    void aFolderOrAMissingFileIsNamed() {
        assertThatThrownBy(() -> Utf8Lines.open(tmp, 10, "x")).hasMessage(tmp + ": is a directory, not a file");
        Path none = tmp.resolve("none");
        assertThatThrownBy(() -> Utf8Lines.open(none, 10, "x")).hasMessage(none + ": no such file");
    }
}
