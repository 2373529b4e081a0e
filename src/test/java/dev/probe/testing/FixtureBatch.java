package dev.probe.testing;

import dev.probe.model.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The token batch of a golden fixture folder ({@code input_ids.npy}, {@code attention_mask.npy}, token types). */
public final class FixtureBatch {
    private FixtureBatch() {
    }

    /** Reads the batch; token types are zeros when the fixture has none. */
    public static TokenBatch read(Path folder) throws IOException {
        NpyArray ids = NpyArray.read(folder.resolve("input_ids.npy"));
        NpyArray mask = NpyArray.read(folder.resolve("attention_mask.npy"));
        Path typesFile = folder.resolve("token_type_ids.npy");
        long[] types = Files.exists(typesFile) ? NpyArray.read(typesFile).longs() : new long[ids.longs().length];
        return new TokenBatch((int) ids.shape()[0], (int) ids.shape()[1], ids.longs(), mask.longs(), types);
    }
}
