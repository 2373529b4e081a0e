package dev.probe.corpus;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The corpus file formats {@link Corpora} can read.
 *
 * <ul>
 *   <li>{@link #CONLLU}: CoNLL-U, files named {@code *.conllu}.
 *   <li>{@link #TSV}: one token per line with TAB- or space-separated columns, blank line between sentences; files
 *       named {@code *.tsv}, {@code *.conll}, {@code *.txt}, {@code *.iob2}, {@code *.bio}.
 *   <li>{@link #NEUROX}: an {@code X.in} / {@code X.label} pair, one sentence per line; either file may be named.
 * </ul>
 */
public enum CorpusFormat {
    /** CoNLL-U, read by {@link ConlluReader}. */
    CONLLU,
    /** Token-per-line columns, read by {@link TsvReader}. */
    TSV,
    /** NeuroX {@code .in} / {@code .label} pairs, read by {@link NeuroxReader}. */
    NEUROX;

    /**
     * The format a file's extension implies (case-insensitive).
     *
     * @throws ProbeException if the extension is not one of the known ones
     */
    public static CorpusFormat detect(Path file) throws ProbeException {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (extension) {
            case "conllu" -> CONLLU;
            case "tsv", "conll", "txt", "iob2", "bio" -> TSV;
            case "in", "label" -> NEUROX;
            default -> throw new ProbeException(file, "cannot tell the corpus format from the file name (known"
                    + " extensions: .conllu; .tsv .conll .txt .iob2 .bio; .in .label);"
                    + " pass --format conllu|tsv|neurox");
        };
    }

    /**
     * The format with this name, ignoring case ({@code conllu}, {@code tsv}, {@code neurox}).
     *
     * @throws ProbeException if the name is none of them
     */
    public static CorpusFormat parse(String name) throws ProbeException {
        if (name != null) {
            for (CorpusFormat format : values()) {
                if (format.name().equalsIgnoreCase(name.strip())) {
                    return format;
                }
            }
        }
        throw new ProbeException("unknown corpus format '" + name + "'; expected conllu, tsv or neurox");
    }

    /** The lower-case name used on the command line and in manifests ({@code "conllu"}, …). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
