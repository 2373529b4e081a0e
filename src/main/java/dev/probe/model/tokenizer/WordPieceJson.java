package dev.probe.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import dev.probe.io.InputFiles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the Hugging Face {@code tokenizer.json} of a BERT WordPiece tokenizer from a {@code vocab.txt} (one token a
 * line, the line number its id) and the options of a {@code tokenizer_config.json}, as Hugging Face's
 * {@code BertConverter} does: {@code BertNormalizer} (clean_text, handle_chinese_chars = {@code
 * tokenize_chinese_chars}, strip_accents, lowercase = {@code do_lower_case}, default true), {@code BertPreTokenizer},
 * {@code WordPiece} ({@code ##}, 100 characters a word), {@code [CLS] $A [SEP]} / {@code [CLS] $A [SEP] $B:1 [SEP]:1}
 * and a {@code WordPiece} decoder. The special tokens are {@code [UNK] [SEP] [PAD] [CLS] [MASK]} or those the config
 * names; the unknown, separator and classifier tokens must be in the vocabulary.
 */
public final class WordPieceJson {
    /** The largest {@code vocab.txt} read: 64 MiB. */
    public static final long MAX_VOCAB_BYTES = 64L << 20;

    private WordPieceJson() {
    }

    /**
     * The tokenizer of a {@code vocab.txt} and its config.
     *
     * @param vocabTxt the vocabulary, UTF-8
     * @param config the {@code tokenizer_config.json} as read ({@link TokenizerConfig}), or an empty object
     * @throws ProbeException naming the vocabulary when it is not UTF-8, is empty or lacks a required special token
     */
    public static ObjectNode build(Path vocabTxt, JsonNode config) throws ProbeException {
        Map<String, Integer> vocab = readVocab(vocabTxt);
        String unk = TokenizerConfig.special(config, "unk_token", "[UNK]");
        String sep = TokenizerConfig.special(config, "sep_token", "[SEP]");
        String cls = TokenizerConfig.special(config, "cls_token", "[CLS]");
        String pad = TokenizerConfig.special(config, "pad_token", "[PAD]");
        String mask = TokenizerConfig.special(config, "mask_token", "[MASK]");
        for (String required : List.of(unk, sep, cls)) {
            if (!vocab.containsKey(required)) {
                throw new ProbeException(vocabTxt, "the special token '" + required + "' is not in the vocabulary");
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        TreeMap<Integer, String> specials = new TreeMap<>();
        for (String token : List.of(pad, unk, cls, sep, mask)) {
            if (vocab.containsKey(token)) {
                specials.put(vocab.get(token), token);
            }
        }
        ArrayNode added = root.putArray("added_tokens");
        specials.forEach((id, token) -> added.addObject().put("id", id).put("content", token)
                .put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false)
                .put("special", true));
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", config.path("tokenize_chinese_chars").asBoolean(true));
        JsonNode strip = config.path("strip_accents");
        if (strip.isBoolean()) {
            normalizer.put("strip_accents", strip.booleanValue());
        } else {
            normalizer.putNull("strip_accents");
        }
        normalizer.put("lowercase", config.path("do_lower_case").asBoolean(true));
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, cls, 0);
        sequence(single, "A", 0);
        special(single, sep, 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, cls, 0);
        sequence(pair, "A", 0);
        special(pair, sep, 0);
        sequence(pair, "B", 1);
        special(pair, sep, 1);
        ObjectNode tokens = post.putObject("special_tokens");
        for (String token : List.of(cls, sep)) {
            ObjectNode entry = tokens.putObject(token);
            entry.put("id", token);
            entry.putArray("ids").add(vocab.get(token));
            entry.putArray("tokens").add(token);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece").put("unk_token", unk).put("continuing_subword_prefix", "##")
                .put("max_input_chars_per_word", 100);
        ObjectNode ids = model.putObject("vocab");
        vocab.forEach(ids::put);
        return root;
    }

    private static void special(ArrayNode template, String token, int type) {
        template.addObject().putObject("SpecialToken").put("id", token).put("type_id", type);
    }

    private static void sequence(ArrayNode template, String id, int type) {
        template.addObject().putObject("Sequence").put("id", id).put("type_id", type);
    }

    /**
     * The tokens of a {@code vocab.txt} and their ids (line numbers from 0), in id order. As in Hugging Face's
     * {@code load_vocab}, a line ends at {@code \n} (a {@code \r} before it is stripped too) and a token listed twice
     * keeps its last line's id.
     */
    static Map<String, Integer> readVocab(Path vocabTxt) throws ProbeException {
        byte[] bytes = InputFiles.readSmall(vocabTxt, MAX_VOCAB_BYTES, "a vocab.txt");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProbeException(vocabTxt, "not a vocab.txt: not UTF-8 text");
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new ProbeException(vocabTxt, "not a vocab.txt: no tokens");
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String token = lines.get(i);
            if (token.endsWith("\r")) {
                token = token.substring(0, token.length() - 1);
            }
            if (token.indexOf('\0') >= 0) {
                throw new ProbeException(vocabTxt, i + 1, "not a vocab.txt: a token holds a NUL character", null);
            }
            vocab.remove(token);
            vocab.put(token, i);
        }
        return vocab;
    }
}
