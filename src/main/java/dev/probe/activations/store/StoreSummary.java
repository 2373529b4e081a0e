package dev.probe.activations.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A short human-readable description of an activation store, for {@code probe inspect}. */
public final class StoreSummary {
    private static final int TOP_LABELS = 10;

    private StoreSummary() {
    }

    /**
     * Describes the store in a few aligned lines: model, extraction point, layers, width, neurons, dtype, rows,
     * sentences, input corpus, the ten most frequent labels and the matrix size on disk. Numbers use {@code Locale.ROOT}.
     */
    public static String describe(ActivationStore store) {
        StoreManifest m = store.manifest();
        NpyMatrix matrix = store.matrix();
        StringBuilder sb = new StringBuilder();
        line(sb, "store", store.dir().toString());
        line(sb, "model", m.model().spec() + " (" + m.model().architecture() + ", " + m.model().source()
                + (m.model().randomInit() == null ? "" : ", weights re-initialised: --random-init "
                        + m.model().randomInit().seed()) + ")");
        line(sb, "point", m.point() + ", word = " + m.aggregation() + " of its subwords");
        line(sb, "layers", ranges(m.layers()) + " (" + m.layers().size() + ")");
        line(sb, "width", Integer.toString(m.width()));
        line(sb, "neurons", Integer.toString(m.neurons()));
        line(sb, "dtype", m.dtype());
        line(sb, "rows", fmt("%d words, %d subwords", matrix.rows(), m.counts().subwords()));
        StoreManifest.Windowing w = m.windowing();
        line(sb, "sentences", fmt("%d (%d windowed: max %d tokens, stride %d)", m.counts().sentences(),
                m.counts().windowedSentences(), w.maxTokens(), w.stride()));
        StoreManifest.InputRef in = m.input();
        String sha = in.sha256().substring(0, Math.min(12, in.sha256().length()));
        line(sb, "input", in.path() + " (" + Objects.toString(in.format(), "?") + ", sha256 " + sha + ")");
        line(sb, "columns", String.join(" ", in.columns()) + " (default label: " + in.defaultLabel() + ")");
        long total = m.labels().values().stream().mapToLong(Long::longValue).sum();
        line(sb, "labels", fmt("%d distinct %s values, %d in all", m.labels().size(), in.defaultLabel(), total));
        List<Map.Entry<String, Long>> top = new ArrayList<>(m.labels().entrySet());
        top.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        int width = top.stream().limit(TOP_LABELS).mapToInt(e -> e.getKey().length()).max().orElse(0);
        for (Map.Entry<String, Long> e : top.subList(0, Math.min(TOP_LABELS, top.size()))) {
            sb.append(fmt("  %-" + Math.max(width, 1) + "s %10d  %5.1f%%\n", e.getKey(), e.getValue(),
                    total == 0 ? 0.0 : 100.0 * e.getValue() / total));
        }
        if (top.size() > TOP_LABELS) {
            sb.append(fmt("  ... %d more\n", top.size() - TOP_LABELS));
        }
        line(sb, "matrix", fmt("%s on disk (%s)", bytes(matrix.sizeBytes()), ActivationStore.MATRIX_FILE));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(fmt("%-10s %s\n", key, value));
    }

    /** Compacts sorted runs: [0, 1, 2, 3, 6, 8, 9] becomes "0-3, 6, 8-9". */
    static String ranges(List<Integer> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); ) {
            int j = i;
            while (j + 1 < values.size() && values.get(j + 1) == values.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(values.get(i));
            if (j > i) {
                sb.append(j == i + 1 ? ", " : "-").append(values.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return fmt("%.1f %s", v, units[u]);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
