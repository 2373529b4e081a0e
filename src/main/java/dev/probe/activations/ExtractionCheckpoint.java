package dev.probe.activations;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.probe.ProbeException;
import dev.probe.io.Fsync;
import dev.probe.io.InputFiles;
import dev.probe.io.Json;
import dev.probe.io.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoint of an extraction in progress: {@value #FILE_NAME} in the store's work folder records which batches
 * are complete, so {@code probe extract --resume} redoes only the others and ends with the same bytes as an
 * uninterrupted run.
 *
 * <p>After every {@code every} sentences (counted as segments, so a windowed sentence counts once per window), the
 * matrix is flushed to disk and the file is rewritten atomically (written beside, flushed, renamed). A batch is listed
 * only once all its rows were handed to the matrix, so every listed row is on disk. The fingerprint covers everything
 * the batch plan and the rows depend on (see {@link ExtractionJob}); a resume with another fingerprint is refused.
 */
final class ExtractionCheckpoint implements Extractor.BatchLog {
    /** The checkpoint file in the work folder. */
    static final String FILE_NAME = "checkpoint.json";
    /** The checkpoint format this code writes and reads. */
    static final int FORMAT_VERSION = 1;

    /**
     * The file's content.
     *
     * @param formatVersion {@value #FORMAT_VERSION}
     * @param fingerprint SHA-256 of the settings and inputs the rows depend on
     * @param batches the number of planned batches
     * @param done completed batches as half-open ranges {@code [first, end)}, ascending
     * @param sentencesDone segments (sentences or windows) in the completed batches, for the user
     */
    record State(int formatVersion, String fingerprint, int batches, List<int[]> done, long sentencesDone) {
        State {
            Objects.requireNonNull(fingerprint, "fingerprint");
            done = List.copyOf(Objects.requireNonNull(done, "done"));
        }
    }

    /** Flushes the matrix before a checkpoint is written. */
    @FunctionalInterface
    interface Flush {
        void flush() throws IOException;
    }

    private final Path dir;
    private final String fingerprint;
    private final int every;
    private Flush flush = () -> { };
    private final BitSet done = new BitSet();
    private final int resumedBatches;
    private int batches = -1;
    private long sentencesDone;
    private long sinceSave;
    private long resumedWords;
    private boolean saved;

    private ExtractionCheckpoint(Path dir, String fingerprint, int every, State resumed) {
        this.dir = dir;
        this.fingerprint = fingerprint;
        this.every = every;
        if (resumed != null) {
            for (int[] range : resumed.done()) {
                done.set(range[0], range[1]);
            }
            batches = resumed.batches();
            sentencesDone = resumed.sentencesDone();
            saved = true;
        }
        this.resumedBatches = done.cardinality();
    }

    /** A checkpoint for a fresh extraction. */
    static ExtractionCheckpoint fresh(Path dir, String fingerprint, int every) {
        return new ExtractionCheckpoint(dir, fingerprint, every, null);
    }

    /** Sets how the matrix is flushed before each checkpoint. */
    synchronized void flushWith(Flush matrixFlush) {
        this.flush = Objects.requireNonNull(matrixFlush, "matrixFlush");
    }

    /**
     * The checkpoint an interrupted run left in {@code dir}, or a fresh one when it left none.
     *
     * @throws ProbeException when the file is unreadable or belongs to an extraction with another fingerprint
     */
    static ExtractionCheckpoint resume(Path dir, Path target, String fingerprint, int every) throws ProbeException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return fresh(dir, fingerprint, every);
        }
        State state;
        try {
            state = Json.reader(State.class).readValue(InputFiles.readSmall(file, 64L << 20, "a checkpoint"));
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(file, "corrupt checkpoint (run without --resume to start over)", e);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
        if (state == null || state.formatVersion() != FORMAT_VERSION) {
            throw new ProbeException(file, "checkpoint of an unknown format; run without --resume to start over");
        }
        if (!state.fingerprint().equals(fingerprint)) {
            throw new ProbeException(target, "the interrupted extraction in " + dir.getFileName() + " used other"
                    + " inputs, model or settings; run the same command as before, or without --resume to start over");
        }
        for (int[] range : state.done()) {
            if (range.length != 2 || range[0] < 0 || range[1] < range[0] || range[1] > state.batches()) {
                throw new ProbeException(file, "corrupt checkpoint: bad batch range; run without --resume to start"
                        + " over");
            }
        }
        return new ExtractionCheckpoint(dir, fingerprint, every, state);
    }

    /** Batches an earlier run completed. */
    int resumedBatches() {
        return resumedBatches;
    }

    /** Rows of the skipped batches (written by the earlier run). */
    synchronized long resumedWords() {
        return resumedWords;
    }

    @Override
    public synchronized void planned(int count) throws ProbeException {
        if (batches >= 0 && batches != count) {
            throw new ProbeException(dir.resolve(FILE_NAME), "checkpoint of " + batches + " batches, but this run"
                    + " plans " + count + "; run without --resume to start over");
        }
        batches = count;
    }

    @Override
    public synchronized boolean skip(int batch, long words) {
        if (done.get(batch)) {
            resumedWords += words;
            return true;
        }
        return false;
    }

    @Override
    public synchronized void completed(int batch, int segments) throws ProbeException {
        done.set(batch);
        sentencesDone += segments;
        sinceSave += segments;
        if (sinceSave >= every) {
            save();
        }
    }

    /**
     * Saves a checkpoint now if any batch is done (Ctrl-C, SIGTERM); never throws.
     *
     * @return whether the work folder now holds a checkpoint worth resuming from
     */
    synchronized boolean saveOnInterrupt() {
        if (done.isEmpty()) {
            return false;
        }
        try {
            save();
            return true;
        } catch (ProbeException e) {
            return saved;
        }
    }

    private void save() throws ProbeException {
        Path file = dir.resolve(FILE_NAME);
        Path temp = dir.resolve(FILE_NAME + ".tmp");
        try {
            flush.flush();
            List<int[]> ranges = new ArrayList<>();
            for (int first = done.nextSetBit(0); first >= 0; first = done.nextSetBit(done.nextClearBit(first))) {
                ranges.add(new int[] {first, done.nextClearBit(first)});
            }
            State state = new State(FORMAT_VERSION, fingerprint, batches, ranges, sentencesDone);
            Files.writeString(temp, Json.writer(State.class).writeValueAsString(state) + "\n", StandardCharsets.UTF_8);
            Fsync.file(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Fsync.folder(dir);
            saved = true;
            sinceSave = 0;
        } catch (IOException e) {
            throw new ProbeException(file, "cannot write the checkpoint: " + e.getMessage(), e);
        }
    }
}
