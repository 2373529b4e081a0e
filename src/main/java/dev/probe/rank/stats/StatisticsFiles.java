package dev.probe.rank.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.NpyHeader;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link ClassStatistics} on disk, beside a ranking or in a statistics folder ({@code probe extract --stats-only}):
 * {@value #JSON} (provenance, where the statistics came from, class names and counts, bin scheme), {@value #VALUES}
 * ({@code <f8}, shape {@code [4, classes, neurons]}: Σx, Σx², min, max, rounded), {@value #SUMS} ({@code <i8}, shape
 * {@code [2, classes, neurons, 21]}: the exact sums Σx and Σx² as base-2³² digits, lowest first, value
 * {@code Σ_k digit_k·2^(32k − 352)}, every digit but the last in {@code [0, 2³²)}; see {@link ExactSums}) and, when collected, {@value #HISTOGRAMS} ({@code <i4}, shape
 * {@code [classes, neurons, bins]}).
 */
public final class StatisticsFiles {
    /** The description file. */
    public static final String JSON = "class-statistics.json";
    /** The per-class sums, sums of squares, minima and maxima. */
    public static final String VALUES = "class-statistics.npy";
    /** The exact per-class sums (format 2 on). */
    public static final String SUMS = "class-sums.npy";
    /** The per-class histograms. */
    public static final String HISTOGRAMS = "class-histograms.npy";
    /** Format version of {@value #JSON}. */
    public static final int FORMAT_VERSION = 2;

    /**
     * What {@value #JSON} holds.
     *
     * @param formatVersion {@value #FORMAT_VERSION}
     * @param tool who wrote it
     * @param source where the statistics come from: split name → store directory and manifest digest
     * @param labelColumn the label column the classes come from
     * @param labels class names, in array order
     * @param counts tokens per class
     * @param neurons neurons per class row
     * @param bins the histogram bins ({@code null} when there are no histograms)
     * @param extraction for statistics made without a store ({@code probe extract --stats-only}), the manifest the
     *     store would have had: model, corpus, settings, counts and shard range; null beside a ranking
     */
    public record Description(int formatVersion, Provenance tool, Map<String, String> source, String labelColumn,
            List<String> labels, long[] counts, int neurons, Bins bins,
            @JsonInclude(JsonInclude.Include.NON_NULL) StoreManifest extraction) {
        /** Statistics beside a ranking. */
        public Description(int formatVersion, Provenance tool, Map<String, String> source, String labelColumn,
                List<String> labels, long[] counts, int neurons, Bins bins) {
            this(formatVersion, tool, source, labelColumn, labels, counts, neurons, bins, null);
        }
    }

    /**
     * The bin scheme of {@link ActivationBins}.
     *
     * @param scheme {@code "asinh"}
     * @param count number of bins
     * @param scale {@link ActivationBins#SCALE}
     * @param range {@link ActivationBins#RANGE}
     */
    public record Bins(String scheme, int count, double scale, double range) {
        static Bins current() {
            return new Bins("asinh", ActivationBins.BINS, ActivationBins.SCALE, ActivationBins.RANGE);
        }
    }

    private StatisticsFiles() {
    }

    /** Writes the four files (three without histograms) into {@code dir}. */
    public static void write(Path dir, ClassStatistics s, Map<String, String> source, String labelColumn)
            throws IOException {
        write(dir, s, source, labelColumn, null);
    }

    /** Writes the files, with the manifest of the extraction the statistics come from ({@code --stats-only}). */
    public static void write(Path dir, ClassStatistics s, Map<String, String> source, String labelColumn,
            StoreManifest extraction) throws IOException {
        Description d = new Description(FORMAT_VERSION, Provenance.now(), source, labelColumn, s.labels(),
                s.countArray(), s.neurons(), s.hasHistograms() ? Bins.current() : null, extraction);
        Json.writer().writeValue(dir.resolve(JSON).toFile(), d);
        long[][] fixed = s.exactDigits();
        try (FileChannel ch = open(dir.resolve(SUMS), "<i8", fixed.length, s.classes(), s.neurons(),
                ExactSums.DIGITS)) {
            ByteBuffer b = ByteBuffer.allocate(8 * fixed[0].length).order(ByteOrder.LITTLE_ENDIAN);
            for (long[] v : fixed) {
                b.clear();
                b.asLongBuffer().put(v);
                writeFully(ch, b);
            }
        }
        double[][] values = s.valueArrays();
        long[] shape = {values.length, s.classes(), s.neurons()};
        try (FileChannel ch = open(dir.resolve(VALUES), "<f8", shape)) {
            ByteBuffer b = ByteBuffer.allocate(8 * values[0].length).order(ByteOrder.LITTLE_ENDIAN);
            for (double[] v : values) {
                b.clear();
                b.asDoubleBuffer().put(v);
                writeFully(ch, b);
            }
        }
        if (s.hasHistograms()) {
            int[] h = s.histogramArray();
            try (FileChannel ch = open(dir.resolve(HISTOGRAMS), "<i4", s.classes(), s.neurons(), ActivationBins.BINS)) {
                ByteBuffer b = ByteBuffer.allocate(4 * h.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asIntBuffer().put(h);
                writeFully(ch, b);
            }
        }
    }

    /**
     * Reads statistics written by {@link #write}.
     *
     * @throws ProbeException naming the file that is missing, malformed or inconsistent with the description
     */
    public static ClassStatistics read(Path dir) throws ProbeException {
        return read(dir, description(dir));
    }

    /**
     * Reads {@value #JSON} alone.
     *
     * @throws ProbeException naming the file when it is missing, malformed or not of a format this tool reads
     */
    public static Description description(Path dir) throws ProbeException {
        Path json = dir.resolve(JSON);
        Description d;
        try {
            d = Json.reader(Description.class).readValue(json.toFile());
        } catch (IOException e) {
            throw new ProbeException(json, e instanceof NoSuchFileException || !Files.exists(json) ? "file not found"
                    : "cannot read: " + e.getMessage(), e);
        }
        if (d.formatVersion() < 1 || d.formatVersion() > FORMAT_VERSION || d.labels() == null || d.counts() == null
                || d.counts().length != d.labels().size() || d.neurons() < 0
                || Arrays.stream(d.counts()).anyMatch(n -> n < 0)) {
            throw new ProbeException(json, "not class statistics of format 1 to " + FORMAT_VERSION
                    + " (labels, counts and neurons must agree)");
        }
        return d;
    }

    /**
     * Reads the statistics of {@code dir} whose {@value #JSON} was already read ({@link #description}).
     *
     * @throws ProbeException as {@link #read(Path)}
     */
    public static ClassStatistics read(Path dir, Description d) throws ProbeException {
        Path json = dir.resolve(JSON);
        if (d.bins() != null && !d.bins().equals(Bins.current())) {
            throw new ProbeException(json, "histogram bins " + d.bins() + " differ from this tool's "
                    + Bins.current());
        }
        int c = d.labels().size();
        int cells = Math.multiplyExact(c, d.neurons());
        double[] all = readDoubles(dir.resolve(VALUES), new long[] {4, c, d.neurons()});
        double[][] v = new double[4][];
        for (int k = 0; k < 4; k++) {
            v[k] = Arrays.copyOfRange(all, k * cells, (k + 1) * cells);
        }
        int[] h = d.bins() == null ? null
                : readInts(dir.resolve(HISTOGRAMS), new long[] {c, d.neurons(), ActivationBins.BINS});
        ExactSums sum;
        ExactSums sumSq;
        try {
            if (d.formatVersion() == 1) {
                sum = ExactSums.ofDoubles(v[0]);
                sumSq = ExactSums.ofDoubles(v[1]);
            } else {
                int digits = Math.multiplyExact(cells, ExactSums.DIGITS);
                long[] exact = readLongs(dir.resolve(SUMS), new long[] {2, c, d.neurons(), ExactSums.DIGITS});
                sum = new ExactSums(cells, Arrays.copyOfRange(exact, 0, digits));
                sumSq = new ExactSums(cells, Arrays.copyOfRange(exact, digits, 2 * digits));
            }
        } catch (ArithmeticException e) {
            throw new ProbeException(dir.resolve(d.formatVersion() == 1 ? VALUES : SUMS), e.getMessage());
        }
        return new ClassStatistics(d.labels(), d.neurons(), d.counts().clone(), sum, sumSq, v[2], v[3], h);
    }

    private static FileChannel open(Path file, String descr, long... shape) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        NpyHeader draft = new NpyHeader(descr, false, shape, 0);
        writeFully(ch, ByteBuffer.wrap(draft.encode()));
        return ch;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        b.rewind();
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static ByteBuffer body(Path file, String descr, long[] shape, int bytes) throws ProbeException {
        NpyHeader h = NpyHeader.read(file, Set.of(descr));
        if (!Arrays.equals(h.shape(), shape)) {
            throw new ProbeException(file, "shape " + Arrays.toString(h.shape()) + " does not match "
                    + JSON + " " + Arrays.toString(shape));
        }
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        try {
            if (Files.size(file) != h.dataOffset() + n * bytes) {
                throw new ProbeException(file, "holds " + (Files.size(file) - h.dataOffset()) + " bytes of data; "
                        + "its shape needs " + n * bytes);
            }
            byte[] all = Files.readAllBytes(file);
            return ByteBuffer.wrap(all, (int) h.dataOffset(), (int) (n * bytes)).slice().order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static double[] readDoubles(Path file, long[] shape) throws ProbeException {
        ByteBuffer b = body(file, "<f8", shape, 8);
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    private static long[] readLongs(Path file, long[] shape) throws ProbeException {
        ByteBuffer b = body(file, "<i8", shape, 8);
        long[] v = new long[b.remaining() / 8];
        b.asLongBuffer().get(v);
        return v;
    }

    private static int[] readInts(Path file, long[] shape) throws ProbeException {
        ByteBuffer b = body(file, "<i4", shape, 4);
        int[] v = new int[b.remaining() / 4];
        b.asIntBuffer().get(v);
        for (int x : v) {
            if (x < 0) {
                throw new ProbeException(file, "a histogram count is negative");
            }
        }
        return v;
    }
}
