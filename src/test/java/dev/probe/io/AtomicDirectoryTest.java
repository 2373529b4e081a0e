package dev.probe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {

    @TempDir
    Path tmp;

    private static String[] names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void commitMovesTheFinishedDirectoryIntoPlace() throws Exception {
        Path target = tmp.resolve("a/b/out");
        try (AtomicDirectory dir = AtomicDirectory.create(target, false)) {
            assertThat(dir.path().getParent()).isEqualTo(target.getParent());
            assertThat(dir.path().getFileName().toString()).startsWith(".out.tmp-");
            Files.writeString(dir.path().resolve("x.txt"), "x");
            assertThat(target).doesNotExist();
            dir.commit();
        }
        assertThat(target.resolve("x.txt")).hasContent("x");
        assertThat(names(target.getParent())).containsExactly("out");
    }

    @Test
    void existingTargetWithoutForceIsRefusedAndNothingIsCreated() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(target.resolve("keep.txt"), "old");
        assertThatThrownBy(() -> AtomicDirectory.create(target, false))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("already exists; use --force to replace it");
        assertThat(names(tmp)).containsExactly("out");
        assertThat(target.resolve("keep.txt")).hasContent("old");
    }

    @Test
    void closeWithoutCommitLeavesNothingBehind() throws Exception {
        Path target = tmp.resolve("out");
        try (AtomicDirectory dir = AtomicDirectory.create(target, false)) {
            Files.createDirectories(dir.path().resolve("sub/deeper"));
            Files.writeString(dir.path().resolve("sub/deeper/f.bin"), "partial");
            // a failure happens here; no commit
        }
        assertThat(names(tmp)).isEmpty();
    }

    @Test
    void forceReplacesTheOldTreeCompletely() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.createDirectories(target.resolve("old/sub"));
        Files.writeString(target.resolve("old/sub/stale.txt"), "stale");
        try (AtomicDirectory dir = AtomicDirectory.create(target, true)) {
            Files.writeString(dir.path().resolve("new.txt"), "new");
            dir.commit();
        }
        assertThat(names(target)).containsExactly("new.txt");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void forceReplacesAPlainFileToo() throws Exception {
        Path target = Files.writeString(tmp.resolve("out"), "a file");
        try (AtomicDirectory dir = AtomicDirectory.create(target, true)) {
            dir.commit();
        }
        assertThat(target).isDirectory();
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void forceWithoutCommitKeepsTheOldTarget() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(target.resolve("keep.txt"), "old");
        try (AtomicDirectory dir = AtomicDirectory.create(target, true)) {
            Files.writeString(dir.path().resolve("new.txt"), "new");
        }
        assertThat(names(target)).containsExactly("keep.txt");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void commitTwiceIsAProgrammingError() throws Exception {
        try (AtomicDirectory dir = AtomicDirectory.create(tmp.resolve("out"), false)) {
            dir.commit();
            assertThatThrownBy(dir::commit).isInstanceOf(IllegalStateException.class);
        }
        assertThat(tmp.resolve("out")).isDirectory();
    }
}
