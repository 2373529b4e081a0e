package dev.probe.io;

import dev.probe.InvalidRequest;
import java.util.ArrayList;
import java.util.List;

/** Parses lists of non-negative integers and ranges such as {@code 0,3-6,10}: layers, neuron ids. */
public final class IntRanges {
    private static final int MAX_VALUES = 10_000_000;

    private IntRanges() {
    }

    /**
     * The values listed, in order (ranges expanded).
     *
     * @param field the request field the text is for (named in errors)
     * @param max the largest value allowed
     * @throws InvalidRequest when a part is not a number or range, exceeds {@code max}, or the list is too long
     */
    public static List<Integer> parse(String field, String text, int max) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int from;
            int to;
            try {
                int dash = p.indexOf('-', 1);
                from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
            } catch (NumberFormatException e) {
                from = -1;
                to = -1;
            }
            if (from < 0 || to < from) {
                throw new InvalidRequest(field, "'" + p + "' is not a number or range (e.g. 0,3-6)");
            }
            if (to > max) {
                throw new InvalidRequest(field, to + " is beyond the largest allowed, " + max);
            }
            if ((long) to - from >= MAX_VALUES - values.size()) {
                throw new InvalidRequest(field, "'" + p + "' lists more than " + MAX_VALUES + " values");
            }
            for (int v = from; v <= to; v++) {
                values.add(v);
            }
        }
        return values;
    }
}
