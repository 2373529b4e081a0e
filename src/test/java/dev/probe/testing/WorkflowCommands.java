package dev.probe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code probe} command lines a GitHub Actions workflow (or {@code make -n}) runs, as argument lists: the
 * {@code run:} blocks of every step, with backslash continuations joined, each line cut at a pipe, redirection or
 * {@code ;}/{@code &&}, shell variables replaced by the values the workflow's {@code env:} blocks give them (the default
 * after {@code ||} of an expression such as {@code ${{ inputs.config || 'configs/x.yaml' }}}, else the variable's name
 * as a placeholder), and split into words as the shell does for quotes.
 */
public final class WorkflowCommands {
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{\\{.*\\|\\|\\s*'([^']*)'\\s*}}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private WorkflowCommands() {
    }

    /**
     * A step's {@code run:} script and the environment it sees.
     *
     * @param name the step's name (or its index)
     * @param script the script
     * @param env the workflow's, job's and step's {@code env:} values, later ones winning
     */
    public record RunBlock(String name, String script, Map<String, String> env) {
    }

    /** Every {@code run:} block of the workflow, in order. */
    public static List<RunBlock> runBlocks(Path workflow) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(workflow.toFile());
        Map<String, String> top = env(root.path("env"), Map.of());
        List<RunBlock> blocks = new ArrayList<>();
        for (JsonNode job : root.path("jobs")) {
            Map<String, String> jobEnv = env(job.path("env"), top);
            int index = 0;
            for (JsonNode step : job.path("steps")) {
                index++;
                if (step.hasNonNull("run")) {
                    blocks.add(new RunBlock(step.path("name").asText("step " + index), step.get("run").asText(),
                            env(step.path("env"), jobEnv)));
                }
            }
        }
        return blocks;
    }

    private static Map<String, String> env(JsonNode node, Map<String, String> outer) {
        Map<String, String> env = new LinkedHashMap<>(outer);
        node.fields().forEachRemaining(e -> {
            String value = e.getValue().asText();
            Matcher d = DEFAULT.matcher(value);
            env.put(e.getKey(), d.matches() ? d.group(1) : value.contains("${{") ? e.getKey() : value);
        });
        return env;
    }

    /**
     * The argument lists (without the program) of every line of {@code script} that runs {@code scripts/probe},
     * {@code $(PROBE)}'s expansion or {@code probe}.
     */
    public static List<List<String>> probeCommands(String script, Map<String, String> env) {
        List<List<String>> commands = new ArrayList<>();
        for (String line : script.replaceAll("\\\\\\r?\\n", " ").split("\\r?\\n")) {
            List<String> words = words(cut(line.strip()), env);
            if (!words.isEmpty() && (words.get(0).equals("scripts/probe") || words.get(0).equals("probe"))) {
                commands.add(words.subList(1, words.size()));
            }
        }
        return commands;
    }

    /** The line up to the first {@code |}, {@code >}, {@code ;} or {@code &&} outside quotes. */
    private static String cut(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '|' || c == '>' || c == ';' || c == '&' || c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Shell words: single quotes literal, double quotes with variables expanded, unquoted variables expanded. */
    static List<String> words(String line, Map<String, String> env) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                word.append(expand(line.substring(i + 1, end), env));
                i = end;
            } else {
                int end = i;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '\''
                        && line.charAt(end) != '"') {
                    end++;
                }
                word.append(expand(line.substring(i, end), env));
                i = end - 1;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String expand(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
