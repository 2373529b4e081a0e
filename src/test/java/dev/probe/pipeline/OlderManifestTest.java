package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.activations.store.StoreManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of format 1 (one label column; {@code src/test/resources/golden/manifest-before-digests.json}, from a real
 * store of that version, labels trimmed) is refused with one clear line, and {@code probe run} extracts it again.
 */
class OlderManifestTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/manifest-before-digests.json");
    private static final String CONFIG = "dce1b40ac904d68e9fb5f9b6fd45426fb7cbed835a85d73fbd681aea4519e2ea";
    private static final String INPUT = "3cb3a10b3f87a244b3c614b4f1b3a18161612b3c0d8330481947dff803f3247b";

    @TempDir
    Path tmp;

    private Path store() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Files.copy(GOLDEN, store.resolve(StoreManifest.FILE_NAME));
        return store;
    }

    @Test
    void isRefusedWithOneLineThatSaysWhatToDo() throws Exception {
        Path store = store();
        assertThatThrownBy(() -> StoreManifest.read(store)).isInstanceOf(ProbeException.class)
                .hasMessage(store.resolve(StoreManifest.FILE_NAME) + ": a store of format 1 (one label column),"
                        + " written by an older probe; extract it again: stores now keep every annotation column and"
                        + " take --label at read time");
    }

    @Test
    void runExtractsItAgain() throws Exception {
        StoreExpectation expected = new StoreExpectation("minilm", CONFIG, "12".repeat(32), "34".repeat(32), INPUT,
                List.of(0, 1, 2, 3, 4, 5, 6), "float32", "last", "hidden");
        Check check = expected.check(store());
        assertThat(check.upToDate()).isFalse();
        assertThat(check.reason()).startsWith("unreadable manifest (").contains("a store of format 1");
    }
}
