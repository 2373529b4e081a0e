package dev.probe.activations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreManifestTest {

    @TempDir
    Path tmp;

    @Test
    void jsonRoundTripWithSnakeCaseKeys() throws Exception {
        StoreManifest manifest = TestStores.manifest(12, 4, StoreDtype.FLOAT16);
        manifest.write(tmp);
        String json = Files.readString(tmp.resolve("manifest.json"));
        assertThat(json).contains("\"format_version\": 2", "\"config_sha256\": ", "\"weights_sha256\": \"efef",
                "\"tokenizer_sha256\": \"0101", "\"djl\": \"0.36.0\"",
                "\"windowed_sentences\": 1", "\"max_tokens\": 512", "\"default_label\": \"upos\"", "\"columns\": [ \"upos\" ]",
                "\"created_at\": \"2025-01-01T00:00:00Z\"", "\"dtype\": \"float16\"");
        assertThat(json).doesNotContain("formatVersion", "\r");
        // labels are written sorted by name
        assertThat(json.indexOf("\"DET\"")).isLessThan(json.indexOf("\"NOUN\""));
        assertThat(json.indexOf("\"NOUN\"")).isLessThan(json.indexOf("\"VERB\""));
        StoreManifest read = StoreManifest.read(tmp);
        assertThat(read).isEqualTo(manifest);
        assertThat(read.labels().keySet()).containsExactly("DET", "NOUN", "VERB");
        assertThat(read.extra()).containsEntry("note", "test");
    }

    @Test
    void unknownKeysAreIgnored() throws Exception {
        StoreManifest manifest = TestStores.manifest(12, 4, StoreDtype.FLOAT32);
        String json = manifest.toJson().replaceFirst("\\{", "{\n  \"added_later\": {\"x\": [1, 2]},");
        Files.writeString(tmp.resolve("manifest.json"), json);
        assertThat(StoreManifest.read(tmp)).isEqualTo(manifest);
    }

    @Test
    void neuronIdsMapToLayersAndUnits() {
        StoreManifest m = TestStores.manifest(12, 4, StoreDtype.FLOAT32); // layers [1, 3], width 4
        assertThat(m.neuronId(0, 0)).isZero();
        assertThat(m.neuronId(1, 2)).isEqualTo(6);
        assertThat(m.layerOf(6)).isEqualTo(3);
        assertThat(m.unitOf(6)).isEqualTo(2);
        assertThat(m.layerOf(3)).isEqualTo(1);
        assertThat(m.neuronName(7)).isEqualTo("L3:3");
        assertThatThrownBy(() -> m.layerOf(8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.neuronId(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void inconsistentValuesAreRejected() {
        StoreManifest m = TestStores.manifest(12, 4, StoreDtype.FLOAT32);
        assertThatThrownBy(() -> new StoreManifest(1, m.tool(), m.model(), "hidden", List.of(1, 3), 4, 9, "float32",
                "mean", m.input(), m.counts(), m.windowing(), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 9");
        assertThatThrownBy(() -> new StoreManifest(1, m.tool(), m.model(), "attention", List.of(1), 4, 4, "float32",
                "mean", m.input(), m.counts(), m.windowing(), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point");
    }

    @Test
    void readErrorsNameTheFile() throws Exception {
        Path file = tmp.resolve("manifest.json");
        assertThatThrownBy(() -> StoreManifest.read(tmp))
                .isInstanceOf(ProbeException.class).hasMessageStartingWith(file + ": not found");
        Files.writeString(file, "{\n  \"format_version\": 2,\n  \"point\": \n}");
        assertThatThrownBy(() -> StoreManifest.read(tmp))
                .isInstanceOf(ProbeException.class).hasMessageStartingWith(file + ":4: invalid manifest");
        String newer = TestStores.manifest(12, 4, StoreDtype.FLOAT32).toJson()
                .replace("\"format_version\": 2", "\"format_version\": 3");
        Files.writeString(file, newer);
        assertThatThrownBy(() -> StoreManifest.read(tmp)).hasMessageContaining("unsupported format_version 3");
    }
}
