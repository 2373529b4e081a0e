package dev.probe.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds YAML text to records, strictly (an unknown or repeated key is an error), and turns Jackson's errors into one
 * line naming the file, the line, the key path ({@code tasks[1].dev}) and what was expected there.
 */
final class YamlBinding {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlBinding() {
    }

    /**
     * The text as a {@code type}, or null for an empty document.
     *
     * @param file named in errors
     * @throws ProbeException naming the file and line when the text is not YAML, has an unknown key, or a value of
     *     the wrong kind
     */
    static <T> T read(Path file, String text, Class<T> type) throws ProbeException {
        try {
            return YAML.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            // Jackson reports where it stopped reading the enclosing mapping; find the key itself
            JsonLocation at = locate(text, e.getPath());
            if (at == null) {
                at = e.getLocation();
            }
            throw new ProbeException(file, line(at), "unknown key '" + e.getPropertyName() + "' at "
                    + keyPath(e.getPath()) + where(at) + "; known keys there: " + known(e.getKnownPropertyIds()), e);
        } catch (MismatchedInputException e) {
            String path = e.getPath().isEmpty() ? "the top level" : keyPath(e.getPath());
            throw new ProbeException(file, line(e.getLocation()), "wrong kind of value at " + path
                    + where(e.getLocation()) + ": expected " + expected(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException syntax && !(syntax instanceof JsonMappingException)) {
                throw syntaxError(file, syntax, e);
            }
            String path = e.getPath().isEmpty() ? "" : " at " + keyPath(e.getPath());
            throw new ProbeException(file, line(e.getLocation()), firstLine(e.getOriginalMessage()) + path
                    + where(e.getLocation()), e);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e, e);
        }
    }

    private static ProbeException syntaxError(Path file, JsonProcessingException syntax, Exception cause) {
        return new ProbeException(file, line(syntax.getLocation()), "not valid YAML: "
                + firstLine(syntax.getOriginalMessage()) + where(syntax.getLocation()), cause);
    }

    private static long line(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getLineNr());
    }

    private static String where(JsonLocation at) {
        return at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + ")";
    }

    /** Where the key at {@code path} is written, by reading the file's tokens again; null if not found. */
    private static JsonLocation locate(String text, List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/').append(ref.getFieldName() != null
                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1") : Integer.toString(ref.getIndex()));
        }
        String wanted = pointer.toString();
        try (JsonParser p = YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().toString().equals(wanted)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** {@code tasks[1].dev} from Jackson's reference chain. */
    static String keyPath(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "the top level" : b.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list (lines starting with '- ')";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "a mapping (key: value lines)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a single value (" + type.getSimpleName().toLowerCase(Locale.ROOT) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
