package dev.probe.io;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The one JSON convention of every file the tool writes: snake_case keys from record components, pretty-printed with
 * two-space indents and {@code "key": value}, unknown keys ignored when reading (newer files stay readable), and a
 * missing number (NaN, ±Infinity) written as {@code null}, read back as NaN ({@link NonFiniteAsNull}).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(NonFiniteAsNull.module())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /** A writer of {@code type} with the tool's conventions. */
    public static ObjectWriter writer(Class<?> type) {
        return MAPPER.writerFor(type).with(PRETTY);
    }

    /** A reader of {@code type} with the tool's conventions. */
    public static ObjectReader reader(Class<?> type) {
        return MAPPER.readerFor(type);
    }

    /** A pretty writer for any value. */
    public static ObjectWriter writer() {
        return MAPPER.writer(PRETTY);
    }
}
