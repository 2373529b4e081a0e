package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.StoreManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest written before the weights digest and the library versions were recorded
 * ({@code src/test/resources/golden/manifest-before-digests.json}, from a real store of that version, labels trimmed)
 * still reads, with those values null, and {@code probe run} treats the missing weights digest as unknown: the store
 * is extracted again.
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
    void readsWithTheNewValuesUnknown() throws Exception {
        StoreManifest m = StoreManifest.read(store());
        assertThat(m.tool().version()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(m.tool().djl()).isNull();
        assertThat(m.tool().libtorch()).isNull();
        assertThat(m.model().configSha256()).isEqualTo(CONFIG);
        assertThat(m.model().weightsSha256()).isNull();
        assertThat(m.model().tokenizerSha256()).isNull();
        assertThat(m.extra()).containsKey("tokenizer_sha256");
        assertThat(m.counts().words()).isEqualTo(8255);
    }

    @Test
    void runRedoesItAsTheWeightsAreUnknown() throws Exception {
        String weights = "12".repeat(32);
        String tokenizer = "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0";
        List<Integer> layers = List.of(0, 1, 2, 3, 4, 5, 6);
        StoreExpectation expected = new StoreExpectation("minilm", CONFIG, weights, tokenizer, INPUT, "xpos", layers,
                "float32", "last", "hidden");
        Check check = expected.check(store());
        assertThat(check.upToDate()).isFalse();
        assertThat(check.reason())
                .isEqualTo("the store records no model.safetensors digest (written by an older probe)");

        // the same manifest with both digests recorded would be kept: nothing else differs
        Path store = tmp.resolve("store");
        String json = Files.readString(store.resolve(StoreManifest.FILE_NAME)).replace("\"weights_sha256\": null",
                "\"weights_sha256\": \"" + weights + "\",\n    \"tokenizer_sha256\": \"" + tokenizer + "\"");
        Files.writeString(store.resolve(StoreManifest.FILE_NAME), json);
        assertThat(expected.check(store).upToDate()).isTrue();
    }
}
