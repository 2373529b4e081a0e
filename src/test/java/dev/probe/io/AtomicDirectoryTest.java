package dev.probe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** A folder that looks like a probe folder this tool wrote. */
    private static Path probeFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("probe.json"), "{\"format_version\": 1, \"neurons\": [], \"metrics\": {}}");
        return dir;
    }

    @Test
    void commitMovesTheFinishedDirectoryIntoPlace() throws Exception {
        Path target = tmp.resolve("a/b/out");
        try (AtomicDirectory dir = AtomicDirectory.create(target, OutputKind.PROBE, false)) {
            assertThat(dir.path().getParent()).isEqualTo(target.getParent());
            assertThat(dir.path().getFileName().toString()).isEqualTo(".out.tmp");
            Files.writeString(dir.path().resolve("x.txt"), "x");
            assertThat(target).doesNotExist();
            dir.commit();
        }
        assertThat(names(target)).containsExactly("x.txt");
        assertThat(names(target.getParent())).containsExactly("out");
    }

    @Test
    void existingTargetWithoutForceIsRefusedAndNothingIsCreated() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(target.resolve("keep.txt"), "old");
        assertThatThrownBy(() -> AtomicDirectory.create(target, OutputKind.PROBE, false))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("already exists; use --force to replace it");
        assertThat(names(tmp)).containsExactly("out");
        assertThat(target.resolve("keep.txt")).hasContent("old");
    }

    @Test
    void closeWithoutCommitLeavesNothingBehind() throws Exception {
        Path target = tmp.resolve("out");
        try (AtomicDirectory dir = AtomicDirectory.create(target, OutputKind.PROBE, false)) {
            Files.createDirectories(dir.path().resolve("sub/deeper"));
            Files.writeString(dir.path().resolve("sub/deeper/f.bin"), "partial");
            // a failure happens here; no commit
        }
        assertThat(names(tmp)).isEmpty();
    }

    @Test
    void forceReplacesAnOutputOfTheSameKindCompletely() throws Exception {
        Path target = probeFolder(tmp.resolve("out"));
        Files.createDirectories(target.resolve("old/sub"));
        Files.writeString(target.resolve("old/sub/stale.txt"), "stale");
        try (AtomicDirectory dir = AtomicDirectory.create(target, OutputKind.PROBE, true)) {
            Files.writeString(dir.path().resolve("new.txt"), "new");
            dir.commit();
        }
        assertThat(names(target)).containsExactly("new.txt");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void forceNeverReplacesAFolderThisToolDidNotWrite() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(target.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> AtomicDirectory.create(target, OutputKind.PROBE, true))
                .isInstanceOf(ProbeException.class).hasMessageContaining(target.toString())
                .hasMessageContaining("is not a probe folder written by probe");
        assertThat(names(target)).containsExactly("thesis.tex");
        assertThat(names(tmp)).containsExactly("home");
    }

    @Test
    void forceNeverReplacesAnOutputOfAnotherKind() throws Exception {
        Path store = Files.createDirectory(tmp.resolve("store"));
        Files.writeString(store.resolve("manifest.json"), "{\"format_version\": 1, \"counts\": {}, \"neurons\": 4}");
        assertThatThrownBy(() -> AtomicDirectory.create(store, OutputKind.PROBE, true))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("is an activation store, not a probe folder");
        assertThat(names(store)).containsExactly("manifest.json");
    }

    @Test
    void forceNeverReplacesAPlainFileOrALink() throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "a file");
        assertThatThrownBy(() -> AtomicDirectory.create(file, OutputKind.PROBE, true))
                .isInstanceOf(ProbeException.class).hasMessageContaining("is a file, not a probe folder");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), probeFolder(tmp.resolve("real")));
        assertThatThrownBy(() -> AtomicDirectory.create(link, OutputKind.PROBE, true))
                .isInstanceOf(ProbeException.class).hasMessageContaining("is a symbolic link");
        assertThat(names(tmp)).containsExactly("link", "out", "real");
    }

    @Test
    void forceWithoutCommitKeepsTheOldTarget() throws Exception {
        Path target = probeFolder(tmp.resolve("out"));
        try (AtomicDirectory dir = AtomicDirectory.create(target, OutputKind.PROBE, true)) {
            Files.writeString(dir.path().resolve("new.txt"), "new");
        }
        assertThat(names(target)).containsExactly("probe.json");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void aSecondWriterOfTheSameOutputIsRefusedNamingTheFirst() throws Exception {
        Path target = tmp.resolve("out");
        try (AtomicDirectory first = AtomicDirectory.create(target, OutputKind.PROBE, false)) {
            assertThatThrownBy(() -> AtomicDirectory.create(target, OutputKind.PROBE, false))
                    .isInstanceOf(OutputBusyException.class).hasMessageContaining(target.toString())
                    .hasMessageContaining("being written by another probe process (pid "
                            + ProcessHandle.current().pid() + ")");
            Files.writeString(first.path().resolve("x.txt"), "first");
            first.commit();
        }
        assertThat(names(target)).containsExactly("x.txt");
    }

    @Test
    void anOutputThatAppearsWhileWritingIsNotReplacedWithoutForce() throws Exception {
        Path target = tmp.resolve("out");
        try (AtomicDirectory dir = AtomicDirectory.create(target, OutputKind.PROBE, false)) {
            probeFolder(target); // another run finished first
            assertThatThrownBy(dir::commit).isInstanceOf(ProbeException.class)
                    .hasMessageContaining("was created by someone else");
        }
        assertThat(names(target)).containsExactly("probe.json");
        assertThat(names(tmp)).containsExactly("out");
    }

    @Test
    void aWorkFolderLeftByADeadWriterIsTakenOverAndCleared() throws Exception {
        Path target = tmp.resolve("out");
        Path work = Files.createDirectory(tmp.resolve(".out.tmp"));
        Files.writeString(work.resolve(OutputLock.LOCK_FILE), "pid 999999999\n"); // no one holds its lock
        Files.writeString(work.resolve("activations.npy"), "half-written");
        Files.createDirectory(tmp.resolve(".out.old-abc"));
        try (AtomicDirectory dir = AtomicDirectory.create(target, OutputKind.PROBE, false)) {
            assertThat(dir.resumed()).isFalse();
            assertThat(names(dir.path())).containsExactly(OutputLock.LOCK_FILE);
            dir.commit();
        }
        assertThat(names(tmp)).containsExactly("out");
        assertThat(names(target)).isEmpty();
    }

    @Test
    void aWorkFolderLeftByADeadWriterIsKeptForAResume() throws Exception {
        Path work = Files.createDirectory(tmp.resolve(".out.tmp"));
        Files.writeString(work.resolve(OutputLock.LOCK_FILE), "pid 999999999\n");
        Files.writeString(work.resolve("checkpoint.json"), "{}");
        try (AtomicDirectory dir = AtomicDirectory.create(tmp.resolve("out"), OutputKind.STORE, false, true)) {
            assertThat(dir.resumed()).isTrue();
            assertThat(dir.path().resolve("checkpoint.json")).hasContent("{}");
            dir.keepOnClose();
        }
        assertThat(work.resolve("checkpoint.json")).exists();
    }

    @Test
    void anInterruptionWhileBecomingTheWriterRemovesOnlyWhatThisRunMade() throws Exception {
        Path target = tmp.resolve("out");
        OutputLock.acquire(target, "cafe").close(); // the work folder exists, its lock file names this run
        OutputLock.removeIfOwned(target, "beef");
        assertThat(names(tmp)).containsExactly(".out.tmp");
        OutputLock.removeIfOwned(target, "cafe");
        assertThat(names(tmp)).isEmpty();
    }

    @Test
    void outputFoldersFollowTheUmaskLikeAnyNewFolder() throws Exception {
        Path reference = Files.createDirectory(tmp.resolve("reference"));
        try (AtomicDirectory dir = AtomicDirectory.create(tmp.resolve("out"), OutputKind.PROBE, false)) {
            dir.commit();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("out"))))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)));
    }

    @Test
    void commitTwiceIsAProgrammingError() throws Exception {
        try (AtomicDirectory dir = AtomicDirectory.create(tmp.resolve("out"), OutputKind.PROBE, false)) {
            dir.commit();
            assertThatThrownBy(dir::commit).isInstanceOf(IllegalStateException.class);
        }
        assertThat(tmp.resolve("out")).isDirectory();
    }
}
