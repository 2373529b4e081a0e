package dev.probe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Word ↔ subword alignment for each tokenizer family: the real MiniLM WordPiece tokenizer, and the tiny byte-level BPE
 * and Unigram files of {@code src/test/resources/tokenizers/} (their README derives every expected id below).
 */
class WordTokenizerTest {
    /** Punctuation inside and outside words, digits, accents (é, ü) and words of several subwords. */
    private static final List<String> WORDS = List.of("The", "café", "isn't", "über", "1999", ".");

    /**
     * The byte-level BPE files, {@link #WORDS} with Hugging Face's {@code add_prefix_space=True}: ids 0..255 are the
     * bytes, 256.. the merges (ĠT he ĠThe Ġc af Ġcaf Ã© Ã¼ er 99 't).
     */
    private static final long[] BYTE_BPE_IDS = {
        258, //           The:   ĠThe
        261, 262, //      café:  Ġcaf Ã©          (é = bytes C3 A9)
        32, 105, 115, 110, 266, // isn't: Ġ i s n 't (the regex splits " isn" | "'t"; no merge makes Ġi)
        32, 263, 98, 264, //       über:  Ġ Ã¼ b er     (ü = bytes C3 BC)
        32, 49, 265, 57, //        1999:  Ġ 1 99 9     (the leftmost "9 9" merges first)
        32, 46}; //                .:     Ġ .
    private static final int[] BYTE_BPE_STARTS = {0, 1, 3, 8, 12, 16, 18};

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- WordPiece (BERT)

    @Test
    void miniLmKnownAnswer() throws Exception {
        try (WordTokenizer tokenizer = WordTokenizer.open(miniLm())) {
            WordTokenizer.Template t = tokenizer.template();
            assertThat(t.prefixIds()).containsExactly(101); // [CLS]
            assertThat(t.prefixTypes()).containsExactly(0);
            assertThat(t.suffixIds()).containsExactly(102); // [SEP]
            assertThat(t.suffixTypes()).containsExactly(0);
            assertThat(t.contentType()).isZero();
            assertThat(t.specials()).isEqualTo(2);

            List<String> words = List.of("The quick brown fox jumped over the lazy dogs .".split(" "));
            WordTokenizer.Subwords sub = tokenizer.encode(words);
            assertThat(withTemplate(t, sub.ids()))
                    .containsExactly(101, 1996, 4248, 2829, 4419, 5598, 2058, 1996, 13971, 6077, 1012, 102);
            assertThat(sub.wordStarts()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(sub.emptyWords()).isZero();
            assertPartition(sub, words.size());
        }
    }

    @Test
    void wordPieceSplitsPunctuationStripsAccentsAndContinuesWithHashes() throws Exception {
        Path file = miniLm();
        List<String> words = List.of("The", "café", "isn't", "über", "1999", ".", "Tokenization");
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            WordTokenizer.Subwords sub = tokenizer.encode(words);
            // uncased BERT: lower-case, strip accents (NFD + drop marks), split off punctuation, then WordPiece
            assertThat(tokens(file, sub.ids()))
                    .containsExactly("the", "cafe", "isn", "'", "t", "uber", "1999", ".", "token", "##ization");
            assertThat(sub.ids()).containsExactly(1996, 7668, 3475, 1005, 1056, 19169, 2639, 1012, 19204, 3989);
            assertThat(sub.wordStarts()).containsExactly(0, 1, 2, 5, 6, 7, 8, 10);
            assertThat(sub.emptyWords()).isZero();
            assertPartition(sub, words.size());
            assertThat(sub.ids()).isEqualTo(runningText(file, String.join(" ", words)));
        }
    }

    @Test
    void wordWithoutSubwordGetsTheUnknownToken() throws Exception {
        Path file = miniLm();
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            // BERT's normalizer deletes a zero-width space (category Cf): the word would have no subword at all
            WordTokenizer.Subwords sub = tokenizer.encode(List.of("a", "\u200b", "b"));
            assertThat(tokens(file, sub.ids())).containsExactly("a", "[UNK]", "b");
            assertThat(sub.ids()).containsExactly(1037, 100, 1038);
            assertThat(sub.wordStarts()).containsExactly(0, 1, 2, 3);
            assertThat(sub.emptyWords()).isEqualTo(1);
            assertPartition(sub, 3);
        }
    }

    // ---------------------------------------------------------------- byte-level BPE (RoBERTa, GPT-2)

    @Test
    void byteBpeRobertaStyleGivesEveryWordItsLeadingSpace() throws Exception {
        Path file = resource("byte-bpe-roberta.json");
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            WordTokenizer.Template t = tokenizer.template();
            assertThat(t.prefixIds()).containsExactly(267); // <s>
            assertThat(t.prefixTypes()).containsExactly(0);
            assertThat(t.suffixIds()).containsExactly(268); // </s>
            assertThat(t.suffixTypes()).containsExactly(0);
            assertThat(t.contentType()).isZero();

            WordTokenizer.Subwords sub = tokenizer.encode(WORDS);
            assertThat(sub.ids()).containsExactly(BYTE_BPE_IDS);
            assertThat(sub.wordStarts()).containsExactly(BYTE_BPE_STARTS);
            assertThat(sub.emptyWords()).isZero();
            assertPartition(sub, WORDS.size());
            assertThat(sub.ids()).isEqualTo(runningText(file, " " + String.join(" ", WORDS)));
        }
    }

    /** The evidence for {@link WordTokenizer}'s leading space: DJL alone follows the file's add_prefix_space. */
    @Test
    void djlAloneGivesNoLeadingSpaceWhenTheFileSaysNoPrefix() throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("addSpecialTokens", "false"));
        try (HuggingFaceTokenizer raw = HuggingFaceTokenizer.newInstance(resource("byte-bpe-gpt2.json"), options)) {
            Encoding e = raw.encode(WORDS.toArray(String[]::new), false, false);
            // T he | c af Ã© | i s n 't | Ã¼ b er | 1 99 9 | .   (no Ġ anywhere: not what HF gives for pre-split words)
            assertThat(e.getIds())
                    .containsExactly(84, 257, 99, 260, 262, 105, 115, 110, 266, 263, 98, 264, 49, 265, 57, 46);
        }
        try (HuggingFaceTokenizer raw = HuggingFaceTokenizer.newInstance(resource("byte-bpe-roberta.json"), options)) {
            assertThat(raw.encode(WORDS.toArray(String[]::new), false, false).getIds()).containsExactly(BYTE_BPE_IDS);
        }
    }

    @Test
    void byteBpeGpt2StyleGetsTheLeadingSpaceTheFileDoesNotAdd() throws Exception {
        Path file = resource("byte-bpe-gpt2.json");
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            WordTokenizer.Template t = tokenizer.template();
            assertThat(t.specials()).isZero(); // GPT-2 adds no special token
            assertThat(t.prefixTypes()).isEmpty();
            assertThat(t.suffixTypes()).isEmpty();

            WordTokenizer.Subwords sub = tokenizer.encode(WORDS);
            assertThat(sub.ids()).containsExactly(BYTE_BPE_IDS);
            assertThat(sub.wordStarts()).containsExactly(BYTE_BPE_STARTS);
            assertPartition(sub, WORDS.size());
            assertThat(sub.ids()).isEqualTo(runningText(file, " " + String.join(" ", WORDS)));
        }
    }

    @Test
    void byteBpeAfterARegexSplitLlama3Style() throws Exception {
        // Llama 3 / Qwen2: Sequence[Split(regex), ByteLevel(add_prefix_space=false, use_regex=false)]
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(resource("byte-bpe-gpt2.json").toFile());
        ObjectNode pre = json.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex",
                "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
        split.put("behavior", "Isolated");
        split.put("invert", false);
        steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        Path file = tmp.resolve("llama3-style.json");
        new ObjectMapper().writeValue(file.toFile(), json);
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            WordTokenizer.Subwords sub = tokenizer.encode(WORDS);
            assertThat(sub.ids()).containsExactly(BYTE_BPE_IDS); // the same pieces as the one-step ByteLevel
            assertThat(sub.wordStarts()).containsExactly(BYTE_BPE_STARTS);
            assertThat(sub.ids()).isEqualTo(runningText(file, " " + String.join(" ", WORDS)));
        }
    }

    @Test
    void byteBpeEmptyWordWithoutUnknownTokenIsAnError() throws Exception {
        Path file = resource("byte-bpe-gpt2.json");
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            // a byte-level BPE turns any non-empty word into subwords; only "" gives none, and GPT-2 has no <unk>
            assertThatThrownBy(() -> tokenizer.encode(List.of("a", ""))).isInstanceOf(ProbeException.class)
                    .hasMessageContaining("byte-bpe-gpt2.json").hasMessageContaining("no unknown token");
        }
    }

    // ---------------------------------------------------------------- Unigram with Metaspace (XLNet)

    /**
     * {@link #WORDS} with the Unigram file: NFKD + strip accents (café → cafe, über → uber), then {@code ▁} before
     * every word; the Viterbi best pieces are ▁The(8) | ▁ca(9) fe(10) | ▁is(11) n't(12) | ▁u(13) ber(14) |
     * ▁19(15) 99(16) | ▁(7) .(17).
     */
    private static final long[] UNIGRAM_IDS = {8, 9, 10, 11, 12, 13, 14, 15, 16, 7, 17};

    @Test
    void unigramXlnetStyle() throws Exception {
        Path file = resource("unigram-xlnet.json");
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            WordTokenizer.Template t = tokenizer.template();
            assertThat(t.prefixIds()).isEmpty();
            assertThat(t.suffixIds()).containsExactly(4, 3); // <sep> <cls>
            assertThat(t.suffixTypes()).containsExactly(0, 2);
            assertThat(t.contentType()).isZero();

            WordTokenizer.Subwords sub = tokenizer.encode(WORDS);
            assertThat(sub.ids()).containsExactly(UNIGRAM_IDS);
            assertThat(sub.wordStarts()).containsExactly(0, 1, 3, 5, 7, 9, 11);
            assertThat(sub.emptyWords()).isZero();
            assertPartition(sub, WORDS.size());
            assertThat(sub.ids()).isEqualTo(runningText(file, String.join(" ", WORDS)));

            // a character outside the vocabulary is an <unk> piece inside its word, not an empty word
            WordTokenizer.Subwords unknown = tokenizer.encode(List.of("The", "€"));
            assertThat(unknown.ids()).containsExactly(8, 7, 0); // ▁The | ▁ <unk>
            assertThat(unknown.wordStarts()).containsExactly(0, 1, 3);
            assertThat(unknown.emptyWords()).isZero();
        }
    }

    @Test
    void metaspacePrependFirstStillMarksEveryPreSplitWord() throws Exception {
        // Llama 2 (legacy=false) and Mistral files use prepend_scheme "first"; each pre-split word is its own sequence
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(resource("unigram-xlnet.json").toFile());
        JsonNode steps = json.path("pre_tokenizer").path("pretokenizers");
        ((ObjectNode) steps.get(1)).put("prepend_scheme", "first");
        Path file = tmp.resolve("metaspace-first.json");
        new ObjectMapper().writeValue(file.toFile(), json);
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            assertThat(tokenizer.encode(WORDS).ids()).containsExactly(UNIGRAM_IDS);
        }
    }

    @Test
    void prependNormalizerLlama2Style() throws Exception {
        // Llama 2's original file: no pre-tokenizer, a normalizer Prepend("▁") + Replace(" ", "▁")
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(resource("unigram-xlnet.json").toFile());
        ArrayNode normalizers = (ArrayNode) json.path("normalizer").path("normalizers");
        normalizers.addObject().put("type", "Prepend").put("prepend", "▁");
        ObjectNode replace = normalizers.addObject().put("type", "Replace").put("content", "▁");
        replace.putObject("pattern").put("String", " ");
        json.putNull("pre_tokenizer");
        Path file = tmp.resolve("prepend-normalizer.json");
        mapper.writeValue(file.toFile(), json);
        try (WordTokenizer tokenizer = WordTokenizer.open(file)) {
            WordTokenizer.Subwords sub = tokenizer.encode(WORDS);
            assertThat(sub.ids()).containsExactly(UNIGRAM_IDS);
            assertThat(sub.ids()).isEqualTo(runningText(file, String.join(" ", WORDS)));
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * No subword lost or shared: the words' spans tile {@code ids} in order, each at least one subword long, and the
     * total is the number of subwords.
     */
    private static void assertPartition(WordTokenizer.Subwords sub, int words) {
        assertThat(sub.words()).isEqualTo(words);
        assertThat(sub.wordStarts()[0]).isZero();
        assertThat(sub.wordStarts()[words]).isEqualTo(sub.ids().length);
        int total = 0;
        for (int w = 0; w < words; w++) {
            assertThat(sub.length(w)).as("subwords of word %d", w).isPositive();
            total += sub.length(w);
        }
        assertThat(total).isEqualTo(sub.ids().length);
    }

    /** The file's own encoding of a running text, without special tokens. */
    private static long[] runningText(Path file, String text) throws IOException {
        Map<String, String> options = new HashMap<>(Map.of("addSpecialTokens", "false"));
        try (HuggingFaceTokenizer raw = HuggingFaceTokenizer.newInstance(file, options)) {
            return raw.encode(text, false, false).getIds();
        }
    }

    private static long[] withTemplate(WordTokenizer.Template t, long[] ids) {
        long[] all = new long[t.specials() + ids.length];
        System.arraycopy(t.prefixIds(), 0, all, 0, t.prefixIds().length);
        System.arraycopy(ids, 0, all, t.prefixIds().length, ids.length);
        System.arraycopy(t.suffixIds(), 0, all, t.prefixIds().length + ids.length, t.suffixIds().length);
        return all;
    }

    /** Subword strings, looked up in a WordPiece vocabulary. */
    private static List<String> tokens(Path file, long[] ids) throws IOException {
        Map<Long, String> byId = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : new ObjectMapper().readTree(file.toFile()).path("model").path("vocab")
                .properties()) {
            byId.put(e.getValue().longValue(), e.getKey());
        }
        return Arrays.stream(ids).mapToObj(byId::get).toList();
    }

    private Path miniLm() throws IOException {
        Path file = tmp.resolve("minilm-tokenizer.json");
        try (InputStream in = WordTokenizerTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            assertThat(in).as("MiniLM tokenizer on the test classpath").isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(WordTokenizerTest.class.getResource("/tokenizers/" + name).toURI());
    }
}
