package dev.probe.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Jackson's parse and mapping errors, which span two lines ({@code … at [Source: …; line: 3, column: 7]}) and
 * may name Java classes, into one {@link ProbeException} line: file, line, column and the reason.
 */
public final class JsonErrors {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");

    private JsonErrors() {
    }

    /**
     * The one-line error for a failed read of {@code file}.
     *
     * @param what what was being read ("invalid manifest", "not valid JSON")
     */
    public static ProbeException of(Path file, String what, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        long line = at == null ? 0 : Math.max(0, at.getLineNr());
        String column = at == null || at.getColumnNr() < 1 ? "" : "column " + at.getColumnNr() + ": ";
        return new ProbeException(file, line, what + ": " + column + reason(e), e);
    }

    /** The reason alone, one line, without Java class names. */
    public static String reason(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? " at '" + path(m) + "'" : "";
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            String why = cause == null || cause.getMessage() == null ? "invalid value" : firstLine(cause.getMessage());
            if (cause instanceof NullPointerException) {
                return (why.matches("[A-Za-z_][A-Za-z0-9_]*") ? "missing or null field '" + snake(why) + "'"
                        : "a required field is missing or null") + path;
            }
            return scrub(why) + path;
        }
        if (e instanceof InvalidFormatException f) {
            return "invalid value " + f.getValue() + path;
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> type = m.getTargetType();
            return "wrong kind of value" + path + (type == null ? "" : ": expected " + expected(type));
        }
        return scrub(firstLine(e.getOriginalMessage())) + path;
    }

    /** Java type names in Jackson's text ({@code `java.util.ArrayList<dev.probe.X$Y>`}) shortened to {@code Y}. */
    static String scrub(String text) {
        StringBuilder sb = new StringBuilder();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            String type = m.group(1).replaceAll("<.*", "");
            type = type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
            m.appendReplacement(sb, Matcher.quoteReplacement(type));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\\b(java|dev\\.probe)\\.[A-Za-z0-9_.$]*\\.", "")
                .replace("Exception", "error");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "malformed";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
