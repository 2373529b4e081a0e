/**
 * The activation store: the on-disk contract between extraction and every later stage (probes, rankers, reports).
 *
 * <p>A store is a directory holding three files:
 * <ul>
 *   <li>{@code activations.npy} — a NumPy {@code .npy} file (version 1.0, or 2.0 when the header exceeds 65535 bytes),
 *       C order, shape {@code [words, neurons]}, dtype {@code <f4} or {@code <f2}. Row {@code i} holds the activations
 *       of the {@code i}-th word of the corpus; column {@code layerPosition * width + unit} holds unit {@code unit} of
 *       the {@code layerPosition}-th extracted layer (see {@link dev.probe.activations.store.StoreManifest#neuronId}).
 *       The data starts at a multiple of 64 bytes, as NumPy writes it, so {@code numpy.load(f, mmap_mode='r')} works.</li>
 *   <li>{@code tokens.tsv} — UTF-8, header {@code sentence\tword\ttoken\tlabel}, then one line per matrix row:
 *       0-based sentence index, 0-based word index within the sentence, token text, label; backslash, tab, newline and
 *       carriage return inside the text are written as {@code \\ \t \n \r}.</li>
 *   <li>{@code manifest.json} — a {@link dev.probe.activations.store.StoreManifest}: the model, layers, aggregation,
 *       input corpus and counts, with snake_case keys.</li>
 * </ul>
 *
 * <p>{@link dev.probe.activations.store.StoreWriter} writes a store atomically (nothing appears until
 * {@code commit}); {@link dev.probe.activations.store.ActivationStore} opens one, checks that the three files agree and
 * memory-maps the matrix, which is never loaded whole into the heap.
 */
package dev.probe.activations.store;
