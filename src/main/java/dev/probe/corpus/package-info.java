/**
 * Annotated corpora: sentences of words with one label per word, read from CoNLL-U, TSV and NeuroX files.
 *
 * <p>This is the first stage of the pipeline. A {@link dev.probe.corpus.Corpus} is what later stages extract
 * activations for (one row per word, in corpus order) and train probes on; it records the file and the SHA-256 of its
 * bytes so every artifact can name the exact data it came from.
 *
 * <p>Formats ({@link dev.probe.corpus.CorpusFormat}):
 * <ul>
 *   <li>CoNLL-U ({@link dev.probe.corpus.ConlluReader}): 10 TAB-separated columns per word, label chosen by column
 *       name or index (XPOS = column 5, DEPREL = column 8, …); multiword-token ranges and empty nodes are skipped.
 *   <li>TSV ({@link dev.probe.corpus.TsvReader}): one token per line, token in column 1 (or {@code tokenColumn}),
 *       label in column N; blank line between sentences.
 *   <li>NeuroX ({@link dev.probe.corpus.NeuroxReader}): an {@code X.in} file with one sentence per line and an
 *       {@code X.label} file with one label per token.
 * </ul>
 *
 * <p>{@link dev.probe.corpus.Corpora#read} picks the reader from the file name or an explicit format. Every problem
 * with the data is a {@link dev.probe.ProbeException} naming the file and, where there is one, the line.
 */
package dev.probe.corpus;
