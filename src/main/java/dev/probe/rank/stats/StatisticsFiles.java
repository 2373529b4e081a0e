package dev.probe.rank.stats;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.NpyHeader;
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
 * {@link ClassStatistics} on disk, beside a ranking: {@value #JSON} (provenance, where the statistics came from, class
 * names and counts, bin scheme), {@value #VALUES} ({@code <f8}, shape {@code [4, classes, neurons]}: Σx, Σx², min,
 * max) and, when collected, {@value #HISTOGRAMS} ({@code <i4}, shape {@code [classes, neurons, bins]}).
 */
public final class StatisticsFiles {
    /** The description file. */
    public static final String JSON = "class-statistics.json";
    /** The per-class sums, sums of squares, minima and maxima. */
    public static final String VALUES = "class-statistics.npy";
    /** The per-class histograms. */
    public static final String HISTOGRAMS = "class-histograms.npy";
    /** Format version of {@value #JSON}. */
    public static final int FORMAT_VERSION = 1;

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
     */
    public record Description(int formatVersion, Provenance tool, Map<String, String> source, String labelColumn,
            List<String> labels, long[] counts, int neurons, Bins bins) {
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

    /** Writes the three files (two without histograms) into {@code dir}. */
    public static void write(Path dir, ClassStatistics s, Map<String, String> source, String labelColumn)
            throws IOException {
        Description d = new Description(FORMAT_VERSION, Provenance.now(), source, labelColumn, s.labels(),
                s.countArray(), s.neurons(), s.hasHistograms() ? Bins.current() : null);
        Json.writer().writeValue(dir.resolve(JSON).toFile(), d);
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
        Path json = dir.resolve(JSON);
        Description d;
        try {
            d = Json.reader(Description.class).readValue(json.toFile());
        } catch (IOException e) {
            throw new ProbeException(json, e instanceof NoSuchFileException || !Files.exists(json) ? "file not found"
                    : "cannot read: " + e.getMessage(), e);
        }
        if (d.formatVersion() != FORMAT_VERSION || d.labels() == null || d.counts() == null
                || d.counts().length != d.labels().size() || d.neurons() < 0
                || Arrays.stream(d.counts()).anyMatch(n -> n < 0)) {
            throw new ProbeException(json, "not class statistics of format " + FORMAT_VERSION
                    + " (labels, counts and neurons must agree)");
        }
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
        return new ClassStatistics(d.labels(), d.neurons(), d.counts().clone(), v[0], v[1], v[2], v[3], h);
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
