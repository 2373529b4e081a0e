package dev.probe.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import dev.probe.io.InputFiles;
import dev.probe.io.Json;
import dev.probe.io.JsonErrors;
import dev.probe.rank.RankingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finding and reading {@code ranking.json} files, and naming the task a rank folder belongs to. */
public final class RankingFiles {
    /** The file name of a ranking. */
    public static final String FILE_NAME = "ranking.json";
    /**
     * How many folder levels below a given folder are searched: 4, so that a pipeline run folder with
     * {@code runs/<model>/<task>/rank/ranking.json} is found from its top.
     */
    public static final int MAX_DEPTH = 4;

    private RankingFiles() {
    }

    /**
     * Every {@code ranking.json} in {@code dir} or in a folder at most {@link #MAX_DEPTH} levels below it, sorted by
     * path; {@code dir} may also be a {@code ranking.json} file itself.
     *
     * @throws ProbeException if {@code dir} does not exist, is another kind of file, or cannot be listed
     */
    public static List<Path> find(Path dir) throws ProbeException {
        if (Files.isRegularFile(dir) && dir.getFileName().toString().equals(FILE_NAME)) {
            return List.of(dir);
        }
        if (!Files.exists(dir)) {
            throw new ProbeException(dir, "no such file or directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new ProbeException(dir, "not a directory or a " + FILE_NAME);
        }
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH + 1)) {
            return files.filter(f -> f.getFileName().toString().equals(FILE_NAME) && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ProbeException(dir, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code ranking.json}.
     *
     * @throws ProbeException if it cannot be read, is not valid JSON, lacks the inputs, oracle or minimal set, or has
     *     a newer format version
     */
    public static RankingResult read(Path file) throws ProbeException {
        return parse(file, bytes(file));
    }

    /**
     * A ranking as read, with the SHA-256 of the bytes it was read from (what artifacts made from it record).
     *
     * @param file the {@code ranking.json}
     * @param result its content
     * @param sha256 the file's SHA-256
     */
    public record Digested(Path file, RankingResult result, String sha256) {
    }

    /**
     * Reads a rank folder's {@code ranking.json} (or that file itself) once, for its content and its digest.
     *
     * @throws ProbeException as {@link #read} does
     */
    public static Digested readDigested(Path dirOrFile) throws ProbeException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
        byte[] bytes = bytes(file);
        return new Digested(file, parse(file, bytes), Hashes.sha256(bytes));
    }

    private static byte[] bytes(Path file) throws ProbeException {
        return InputFiles.readSmall(file, 256L << 20, "a " + FILE_NAME);
    }

    private static RankingResult parse(Path file, byte[] bytes) throws ProbeException {
        RankingResult r;
        try {
            r = Json.reader(RankingResult.class).readValue(bytes);
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(file, "not a valid " + FILE_NAME, e);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e, e);
        }
        if (r == null || r.inputs() == null || r.oracle() == null || r.minimalSet() == null) {
            throw new ProbeException(file, "not a " + FILE_NAME + ": inputs, oracle or minimal_set is missing");
        }
        if (r.formatVersion() > RankingResult.FORMAT_VERSION) {
            throw new ProbeException(file, "format version " + r.formatVersion() + " is newer than this tool reads ("
                    + RankingResult.FORMAT_VERSION + ")");
        }
        return r;
    }

    /** Writes {@code dir/ranking.json}. */
    public static void write(Path dir, RankingResult result) throws IOException {
        Files.writeString(dir.resolve(FILE_NAME), Json.writer(RankingResult.class).writeValueAsString(result) + "\n",
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The task a ranking belongs to: the name of the folder holding the rank folder when the rank folder is named
     * {@code rank} (as in {@code runs/<model>/<task>/rank/ranking.json}), else the rank folder's own name.
     */
    public static String task(Path rankingJson) {
        Path rankDir = rankingJson.toAbsolutePath().normalize().getParent();
        if (rankDir == null || rankDir.getFileName() == null) {
            return "?";
        }
        Path above = rankDir.getParent();
        return rankDir.getFileName().toString().equals("rank") && above != null && above.getFileName() != null
                ? above.getFileName().toString() : rankDir.getFileName().toString();
    }
}
