package dev.probe.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.probe.ProbeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code probe compare --expect} gate on the fields of {@code comparison.json}: {@code PATH OP NUMBER} or
 * {@code count(PATH) OP NUMBER} (docs/compare.md, "Expectations").
 *
 * <p>A PATH is dotted field names of the JSON (snake_case, as written), each optionally followed by selectors into a
 * list: {@code [N]} (0-based), {@code [*]} (every element) or {@code [key=value,…]} (the elements whose fields equal
 * those texts), e.g. {@code rows[model=bert,task=xpos].oracle_dev}. OP is one of {@code < <= > >= == !=}; NUMBER is a
 * finite decimal. Every value the path selects must satisfy the comparison; {@code count(PATH)} compares how many values
 * it selects (the elements of a list when it ends on one). Nothing is evaluated but this: no code, no functions besides
 * {@code count}.
 *
 * @param text the expectation as written
 * @param path the path's segments
 * @param count whether the left side is {@code count(PATH)}
 * @param op the comparison
 * @param number the right side
 */
public record Expectation(String text, List<Segment> path, boolean count, Op op, double number) {
    private static final Pattern WHOLE = Pattern.compile(
            "\\s*(?:count\\(\\s*(?<cpath>[^()]+?)\\s*\\)|(?<path>(?:[^<>=!()\\s\\[]|\\[[^\\[\\]]*])+))"
                    + "\\s*(?<op><=|>=|==|!=|<|>)\\s*"
                    + "(?<num>[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SEGMENT = Pattern.compile("(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<sel>(?:\\[[^\\[\\]]*])*)");
    private static final Pattern SELECTOR = Pattern.compile("\\[([^\\[\\]]*)]");

    /** Copies the path. */
    public Expectation {
        path = List.copyOf(path);
    }

    /** A comparison operator. */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written. */
        public String symbol() {
            return symbol;
        }

        /** {@code a OP b}; false whenever either side is NaN. */
        public boolean test(double a, double b) {
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return false;
            }
            return switch (this) {
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
                case EQ -> a == b;
                case NE -> a != b;
            };
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /**
     * A field name and the selectors after it.
     *
     * @param name the JSON field
     * @param selectors each {@code […]} after it, without the brackets
     */
    public record Segment(String name, List<String> selectors) {
        /** Copies the selectors. */
        public Segment {
            selectors = List.copyOf(selectors);
        }
    }

    /**
     * The outcome of one expectation.
     *
     * @param expectation what was checked
     * @param met whether every selected value satisfied it
     * @param detail the values checked (the failing ones first when it failed), for the message
     */
    public record Outcome(Expectation expectation, boolean met, String detail) {
    }

    /**
     * Parses one expectation.
     *
     * @throws ProbeException naming {@code --expect} and the text when it is malformed
     */
    public static Expectation parse(String text) throws ProbeException {
        Matcher m = text == null ? null : WHOLE.matcher(text);
        if (m == null || !m.matches()) {
            throw malformed(text, "not of the form PATH OP NUMBER or count(PATH) OP NUMBER, with OP one of "
                    + "< <= > >= == != (e.g. 'rows[task=xpos].oracle_dev >= 0.9')");
        }
        boolean count = m.group("cpath") != null;
        String pathText = count ? m.group("cpath") : m.group("path");
        double number = Double.parseDouble(m.group("num"));
        if (!Double.isFinite(number)) {
            throw malformed(text, "the number " + m.group("num") + " is not finite");
        }
        return new Expectation(text.strip(), parsePath(text, pathText), count, Op.of(m.group("op")), number);
    }

    private static List<Segment> parsePath(String text, String pathText) throws ProbeException {
        List<Segment> segments = new ArrayList<>();
        for (String part : splitDots(pathText)) {
            Matcher s = SEGMENT.matcher(part);
            if (!s.matches()) {
                throw malformed(text, "'" + part + "' is not a field name with optional [N], [*] or [key=value] "
                        + "selectors");
            }
            List<String> selectors = new ArrayList<>();
            Matcher sel = SELECTOR.matcher(s.group("sel"));
            while (sel.find()) {
                selectors.add(checkSelector(text, sel.group(1).strip()));
            }
            segments.add(new Segment(s.group("name"), selectors));
        }
        return segments;
    }

    /** Splits at dots outside brackets (a selector's value may hold dots: {@code [model=models/bert.v2]}). */
    private static List<String> splitDots(String path) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '.' && depth == 0) {
                parts.add(path.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(path.substring(start));
        return parts;
    }

    private static String checkSelector(String text, String selector) throws ProbeException {
        if (selector.equals("*") || selector.matches("\\d{1,9}")) {
            return selector;
        }
        for (String condition : selector.split(",", -1)) {
            int eq = condition.indexOf('=');
            if (eq < 0 || !NAME.matcher(condition.substring(0, eq).strip()).matches()
                    || condition.substring(eq + 1).isBlank()) {
                throw malformed(text, "selector [" + selector + "] is not [N], [*] or [key=value,…]");
            }
        }
        return selector;
    }

    private static ProbeException malformed(String text, String problem) {
        return new ProbeException("--expect '" + text + "': " + problem);
    }

    /**
     * Checks this expectation against a comparison's JSON.
     *
     * @throws ProbeException when the path names a field the JSON does not have, selects nothing to compare, or a value
     *     that is not a number (a malformed expectation, not a failed one)
     */
    public Outcome evaluate(JsonNode root) throws ProbeException {
        List<Located> selected = List.of(new Located("", root));
        for (Segment segment : path) {
            selected = step(selected, segment);
        }
        if (count) {
            long n = selected.size() == 1 && selected.get(0).node().isArray() ? selected.get(0).node().size()
                    : selected.size();
            boolean met = op.test(n, number);
            return new Outcome(this, met, "count = " + n);
        }
        if (selected.isEmpty()) {
            throw new ProbeException("--expect '" + text + "': the path selects no value");
        }
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (Located v : selected) {
            JsonNode node = v.node();
            if (node.isNull()) {
                failed.add(v.where() + " = null (not measured)");
            } else if (!node.isNumber()) {
                throw new ProbeException("--expect '" + text + "': " + v.where() + " is "
                        + (node.isContainerNode() ? "a " + (node.isArray() ? "list" : "record") : "'" + node.asText()
                        + "'") + ", not a number");
            } else if (op.test(node.asDouble(), number)) {
                passed.add(v.where() + " = " + format(node.asDouble()));
            } else {
                failed.add(v.where() + " = " + format(node.asDouble()));
            }
        }
        List<String> shown = new ArrayList<>(failed);
        shown.addAll(passed);
        return new Outcome(this, failed.isEmpty(), String.join("; ", shown));
    }

    private List<Located> step(List<Located> from, Segment segment) throws ProbeException {
        List<Located> out = new ArrayList<>();
        for (Located at : from) {
            String where = at.where().isEmpty() ? segment.name() : at.where() + "." + segment.name();
            if (at.node().isArray()) {
                throw new ProbeException("--expect '" + text + "': " + at.where() + " is a list; pick elements "
                        + "with [N], [*] or [key=value] before ." + segment.name());
            }
            JsonNode field = at.node().get(segment.name());
            if (field == null || !at.node().isObject()) {
                throw new ProbeException("--expect '" + text + "': unknown field '" + where + "'"
                        + known(at.node()));
            }
            List<Located> current = List.of(new Located(where, field));
            for (String selector : segment.selectors()) {
                current = select(current, selector);
            }
            out.addAll(current);
        }
        return out;
    }

    private List<Located> select(List<Located> from, String selector) throws ProbeException {
        List<Located> out = new ArrayList<>();
        for (Located at : from) {
            JsonNode list = at.node();
            if (!list.isArray()) {
                throw new ProbeException("--expect '" + text + "': " + at.where() + " is not a list, so ["
                        + selector + "] selects nothing in it");
            }
            if (selector.matches("\\d{1,9}")) {
                int index = Integer.parseInt(selector);
                if (index >= list.size()) {
                    throw new ProbeException("--expect '" + text + "': " + at.where() + "[" + index + "]: the list "
                            + "has " + list.size() + " elements");
                }
                out.add(new Located(element(at.where(), list.get(index), index), list.get(index)));
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                if (selector.equals("*") || matches(list.get(i), selector)) {
                    out.add(new Located(element(at.where(), list.get(i), i), list.get(i)));
                }
            }
            if (!selector.equals("*")) {
                checkKeysExist(at, selector);
            }
        }
        return out;
    }

    private static boolean matches(JsonNode element, String selector) {
        for (String condition : selector.split(",")) {
            int eq = condition.indexOf('=');
            JsonNode field = element.get(condition.substring(0, eq).strip());
            if (field == null || field.isContainerNode() || !field.asText().equals(condition.substring(eq + 1)
                    .strip())) {
                return false;
            }
        }
        return true;
    }

    private void checkKeysExist(Located list, String selector) throws ProbeException {
        for (String condition : selector.split(",")) {
            String key = condition.substring(0, condition.indexOf('=')).strip();
            boolean any = false;
            for (JsonNode e : list.node()) {
                any |= e.has(key);
            }
            if (!any && !list.node().isEmpty()) {
                throw new ProbeException("--expect '" + text + "': unknown field '" + key + "' in the elements of "
                        + list.where() + known(list.node().get(0)));
            }
        }
    }

    /** {@code rows[model=bert,task=xpos]} for a comparison row, {@code list[3]} otherwise. */
    private static String element(String list, JsonNode e, int index) {
        if (e.isObject() && e.path("model").isTextual() && e.path("task").isTextual()) {
            return list + "[model=" + e.get("model").asText() + ",task=" + e.get("task").asText() + "]";
        }
        if (e.isObject() && e.path("task_a").isTextual() && e.path("task_b").isTextual()) {
            return list + "[task_a=" + e.get("task_a").asText() + ",task_b=" + e.get("task_b").asText() + "]";
        }
        return list + "[" + index + "]";
    }

    private static String known(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return "; known fields there: " + String.join(", ", names);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(?=$|e)", "");
    }

    /** A value and the path that reached it. */
    private record Located(String where, JsonNode node) {
    }
}
