package dev.probe.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A tiny BERT model folder for fast end-to-end runs: the golden fixture's {@code config.json} and
 * {@code model.safetensors} (2 layers, hidden 32, vocabulary 1,000) with a hand-made lower-case WordPiece
 * {@code tokenizer.json} that spells every word letter by letter ({@code [CLS] c ##a ##t [SEP]}), ids below 60.
 */
public final class TinyBert {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyBert() {
    }

    /** Creates the model folder {@code dir}. */
    public static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            try (InputStream in = TinyBert.class.getResourceAsStream("/fixtures/bert/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer());
        return dir;
    }

    /** The tokenizer.json tree. */
    public static ObjectNode tokenizer() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        String[] specials = {"[PAD]", "[UNK]", "[CLS]", "[SEP]"};
        for (int i = 0; i < specials.length; i++) {
            added.addObject().put("id", i).put("content", specials[i]).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putObject("normalizer").put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", true);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addAll(single.deepCopy());
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
        ObjectNode specialTokens = post.putObject("special_tokens");
        for (int i = 2; i < 4; i++) {
            ObjectNode t = specialTokens.putObject(specials[i]);
            t.put("id", specials[i]);
            t.putArray("ids").add(i);
            t.putArray("tokens").add(specials[i]);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece").put("unk_token", "[UNK]").put("continuing_subword_prefix", "##")
                .put("max_input_chars_per_word", 100);
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < specials.length; i++) {
            vocab.put(specials[i], i);
        }
        int id = specials.length;
        for (char c = 'a'; c <= 'z'; c++) {
            vocab.put(String.valueOf(c), id++);
            vocab.put("##" + c, id++);
        }
        vocab.put(".", id++);
        vocab.put(",", id);
        return root;
    }

    /**
     * A CoNLL-U corpus of {@code sentences} random sentences of 3 to 12 lower-case words with UPOS-like labels, the
     * same for the same seed.
     */
    public static Path corpus(Path file, int sentences, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] labels = {"NOUN", "VERB", "ADJ", "DET", "ADP"};
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            int words = 3 + random.nextInt(10);
            for (int w = 1; w <= words; w++) {
                StringBuilder word = new StringBuilder();
                for (int c = 1 + random.nextInt(7); c > 0; c--) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
                String label = labels[random.nextInt(labels.length)];
                lines.add(String.format(Locale.ROOT, "%d\t%s\t_\t%s\t%s\t_\t0\tdep\t_\t_", w, word, label, label));
            }
            lines.add("");
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
