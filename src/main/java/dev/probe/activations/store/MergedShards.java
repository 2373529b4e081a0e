package dev.probe.activations.store;

import java.util.List;
import java.util.Objects;

/**
 * The shard stores a merged store was made of ({@code probe merge}), in {@code manifest.json} as {@code merged}. When
 * merged by reference the store has no {@code activations.npy} of its own: its matrix is the shards' matrices, one
 * after the other, each named by {@link Part#matrix()}; when merged by copy the parts' bytes were copied into one
 * {@code activations.npy}, and {@code matrix} is null.
 *
 * @param byReference whether the matrix is read from the shards' files
 * @param parts the shards in row order
 */
public record MergedShards(boolean byReference, List<Part> parts) {
    /**
     * One shard.
     *
     * @param store the shard store's folder, as given to {@code probe merge} (absolute)
     * @param matrix for a merge by reference, the shard's {@code .npy} file relative to the merged store's folder
     *     (absolute when it lies on another root); null for a merge by copy
     * @param manifestSha256 SHA-256 of the shard's {@code manifest.json}
     * @param matrixSha256 SHA-256 of the shard's {@code activations.npy} (of its {@code class-sums.npy} for statistics),
     *     checked by {@code probe merge}; null for statistics a Spark job merged in memory
     * @param shard the corpus range it holds
     */
    public record Part(String store, String matrix, String manifestSha256, String matrixSha256, ShardRange shard) {
        /** Requires the store, digests and range. */
        public Part {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(manifestSha256, "manifestSha256");
            Objects.requireNonNull(shard, "shard");
        }
    }

    /** Copies the list; a merge by reference names every part's matrix. */
    public MergedShards {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a merged store has at least one part");
        }
        if (byReference && parts.stream().anyMatch(p -> p.matrix() == null)) {
            throw new IllegalArgumentException("a merge by reference names every part's matrix file");
        }
    }
}
