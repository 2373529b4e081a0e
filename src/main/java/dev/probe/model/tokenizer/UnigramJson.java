package dev.probe.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Builds the Hugging Face {@code tokenizer.json} of a SentencePiece Unigram {@code spiece.model}, as Hugging Face's
 * {@code SpmConverter} and {@code XLNetConverter} ({@code convert_slow_tokenizer.py}) do:
 * <ul>
 *   <li>model {@code Unigram} with the pieces and scores in id order and the unknown piece's id;
 *   <li>normalizer: {@code Precompiled} with the model's charsmap when it has one, then runs of spaces squeezed to one
 *       when the model removes extra whitespace; for XLNet ({@code tokenizer_class} {@code XLNetTokenizer}) first
 *       {@code ``} and {@code ''} → {@code "}, NFKD and accents stripped unless {@code keep_accents}, lower case when
 *       {@code do_lower_case};
 *   <li>pre-tokenizer and decoder {@code Metaspace} ({@code ▁}, prepended when the model adds a dummy prefix);
 *   <li>added tokens: the CONTROL and UNKNOWN pieces, as special tokens;
 *   <li>post-processor by {@code tokenizer_class}: XLNet {@code $A <sep> <cls>} (type ids 0 0 2), specials at the
 *       end; ALBERT {@code [CLS] $A [SEP]} (and XLNet's normalizer steps, lower case by default); T5
 *       {@code $A </s>}; none otherwise.
 * </ul>
 * Only Unigram models are converted; a BPE, word or char model is refused.
 */
public final class UnigramJson {
    private UnigramJson() {
    }

    /**
     * The tokenizer of a {@code spiece.model}.
     *
     * @param spieceModel the model file
     * @param config the {@code tokenizer_config.json} as read ({@link TokenizerConfig}), or an empty object
     * @throws ProbeException naming the model file when it is malformed, not a Unigram model, or an XLNet model
     *     whose template's special pieces it lacks
     */
    public static ObjectNode build(Path spieceModel, JsonNode config) throws ProbeException {
        SentencePieceModel sp = SentencePieceModel.read(spieceModel);
        if (sp.modelType() != SentencePieceModel.UNIGRAM) {
            String type = switch (sp.modelType()) {
                case 2 -> "BPE";
                case 3 -> "word";
                case 4 -> "char";
                default -> "type " + sp.modelType();
            };
            throw new ProbeException(spieceModel, "a SentencePiece " + type + " model: only Unigram spiece.model files"
                    + " can be converted; add the model's tokenizer.json");
        }
        String family = config.path("tokenizer_class").asText("").toLowerCase(Locale.ROOT);
        boolean xlnet = family.startsWith("xlnet");
        boolean albert = family.startsWith("albert");
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < sp.pieces().size(); id++) {
            SentencePieceModel.Piece p = sp.pieces().get(id);
            if (p.type() == SentencePieceModel.CONTROL || p.type() == SentencePieceModel.UNKNOWN) {
                added.addObject().put("id", id).put("content", p.piece()).put("single_word", false)
                        .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
            }
        }
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode steps = normalizer.putArray("normalizers");
        if (xlnet || albert) {
            replace(steps, "``", "\"", false);
            replace(steps, "''", "\"", false);
            if (!config.path("keep_accents").asBoolean(false)) {
                steps.addObject().put("type", "NFKD");
                steps.addObject().put("type", "StripAccents");
            }
            if (config.path("do_lower_case").asBoolean(albert)) {
                steps.addObject().put("type", "Lowercase");
            }
        }
        if (sp.charsmap().length > 0) {
            steps.addObject().put("type", "Precompiled")
                    .put("precompiled_charsmap", Base64.getEncoder().encodeToString(sp.charsmap()));
        }
        if (sp.removeExtraWhitespaces()) {
            replace(steps, " {2,}", " ", true);
        }
        root.set("pre_tokenizer", metaspace(root, sp.addDummyPrefix()));
        if (xlnet) {
            root.set("post_processor", template(root, sp, "$A:0 <sep>:0 <cls>:2", "$A:0 <sep>:0 $B:1 <sep>:1 <cls>:2"));
        } else if (albert) {
            root.set("post_processor", template(root, sp, "[CLS]:0 $A:0 [SEP]:0", "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1"));
        } else if (family.startsWith("t5")) {
            root.set("post_processor", template(root, sp, "$A:0 </s>:0", "$A:0 </s>:0 $B:0 </s>:0"));
        } else {
            root.putNull("post_processor");
        }
        root.set("decoder", metaspace(root, sp.addDummyPrefix()));
        ObjectNode model = root.putObject("model");
        model.put("type", "Unigram").put("unk_id", sp.unkId());
        ArrayNode vocab = model.putArray("vocab");
        for (SentencePieceModel.Piece p : sp.pieces()) {
            vocab.addArray().add(p.piece()).add((double) p.score());
        }
        model.put("byte_fallback", false);
        return root;
    }

    private static void replace(ArrayNode steps, String pattern, String content, boolean regex) {
        ObjectNode step = steps.addObject().put("type", "Replace");
        step.putObject("pattern").put(regex ? "Regex" : "String", pattern);
        step.put("content", content);
    }

    private static ObjectNode metaspace(ObjectNode root, boolean prepend) {
        return root.objectNode().put("type", "Metaspace").put("replacement", "▁")
                .put("prepend_scheme", prepend ? "always" : "never").put("split", true);
    }

    /** A {@code TemplateProcessing} from Hugging Face's template notation ({@code "$A:0 <sep>:0 <cls>:2"}). */
    private static ObjectNode template(ObjectNode root, SentencePieceModel sp, String single, String pair)
            throws ProbeException {
        ObjectNode post = root.objectNode().put("type", "TemplateProcessing");
        ObjectNode tokens = root.objectNode();
        for (String[] part : new String[][] {{"single", single}, {"pair", pair}}) {
            ArrayNode items = post.putArray(part[0]);
            for (String item : part[1].split(" ")) {
                int colon = item.lastIndexOf(':');
                String name = item.substring(0, colon);
                int type = Integer.parseInt(item.substring(colon + 1));
                if (name.startsWith("$")) {
                    items.addObject().putObject("Sequence").put("id", name.substring(1)).put("type_id", type);
                } else {
                    items.addObject().putObject("SpecialToken").put("id", name).put("type_id", type);
                    if (!tokens.has(name)) {
                        ObjectNode entry = tokens.putObject(name);
                        entry.put("id", name);
                        entry.putArray("ids").add(id(sp, name));
                        entry.putArray("tokens").add(name);
                    }
                }
            }
        }
        post.set("special_tokens", tokens);
        return post;
    }

    private static int id(SentencePieceModel sp, String piece) throws ProbeException {
        for (int i = 0; i < sp.pieces().size(); i++) {
            if (sp.pieces().get(i).piece().equals(piece)) {
                return i;
            }
        }
        throw new ProbeException(sp.file(), "the tokenizer_config.json's tokenizer_class needs the piece '" + piece
                + "', which the model lacks");
    }
}
