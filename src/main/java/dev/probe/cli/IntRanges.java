package dev.probe.cli;

import dev.probe.ProbeException;
import java.util.ArrayList;
import java.util.List;

/** Parses lists of non-negative integers and ranges such as {@code 0,3-6,10}. */
final class IntRanges {
    private static final int MAX_VALUES = 10_000_000;
    private IntRanges() {
    }

    static List<Integer> parse(String option, String text) throws ProbeException {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to < from) {
                    throw new NumberFormatException();
                }
                if ((long) to - from >= MAX_VALUES - values.size()) {
                    throw new ProbeException(option + ": '" + p + "' lists more than " + MAX_VALUES + " values");
                }
                for (int v = from; v <= to; v++) {
                    values.add(v);
                }
            } catch (NumberFormatException e) {
                throw new ProbeException(option + ": '" + p + "' is not a number or range (e.g. 0,3-6)");
            }
        }
        return values;
    }
}
