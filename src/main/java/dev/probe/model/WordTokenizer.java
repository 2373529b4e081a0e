package dev.probe.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.io.InputFiles;
import dev.probe.io.JsonErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokenizes pre-split words with a Hugging Face {@code tokenizer.json} and keeps the word ↔ subword alignment.
 *
 * <p>Sentences are encoded without special tokens, truncation or padding (the file's own settings, e.g. MiniLM's
 * truncation at 128, are overridden): windowing and batching are the extractor's job. The special tokens the file's
 * post-processor adds around a single sequence are learnt once by encoding a probe word with and without them, so
 * {@code [CLS] … [SEP]} (BERT), {@code <s> … </s>} (RoBERTa), {@code … <sep> <cls>} (XLNet) and no specials (GPT-2)
 * all come out of the same code.
 *
 * <p>Each word is encoded as Hugging Face encodes pre-split words ({@code is_split_into_words=True}): DJL's
 * {@code encode(String[], …)} hands the words to the Rust {@code tokenizers} library as one pre-tokenized sequence,
 * which normalizes, pre-tokenizes and tokenizes every word on its own and tags its subwords with the word's index.
 * Per tokenizer family that gives:
 * <ul>
 *   <li>WordPiece (BERT): the word's pieces, {@code ##}-continued; a word the normalizer deletes entirely (a lone
 *       zero-width space) gives no piece and is given the unknown token here ({@link Subwords#emptyWords()}).
 *   <li>Unigram / SentencePiece-style BPE (XLNet, ALBERT, T5; Llama 1/2, Mistral): every word starts with {@code ▁}.
 *       A {@code Metaspace} pre-tokenizer prepends it to each word whatever its {@code prepend_scheme}
 *       ({@code "first"} looks at the offset in the word, which is 0 for every word), and so does a
 *       {@code Prepend("▁")} normalizer, since each word is normalized on its own. Nothing to do here.
 *   <li>Byte-level BPE (GPT-2, RoBERTa, GPT-NeoX, Llama 3, Qwen2): Hugging Face requires {@code add_prefix_space=True}
 *       for pre-split words, which encodes every word, the first included, as if preceded by a space ({@code Ġ}).
 *       DJL has no such option and uses the file as it is: with {@code "add_prefix_space": true} (as in
 *       RoBERTa-style files) each word gets its {@code Ġ}, with {@code false} (GPT-2's default) none does
 *       ({@code "The"} → {@code T he} instead of {@code ĠThe}). Setting the flag in the file would be wrong where
 *       {@code ByteLevel} follows a {@code Split} inside a {@code Sequence} (Llama 3, Qwen2): it then prefixes every
 *       split piece, so {@code "isn't"} → {@code Ġisn} {@code Ġ't}. So whenever the pre-tokenizer contains a
 *       {@code ByteLevel} step, each non-empty word that does not start with a space is given a leading space here
 *       ({@code ByteLevel} never adds a second one). The result equals Hugging Face's pre-split encoding with
 *       {@code add_prefix_space=True}, and the encoding of the running text {@code " " + String.join(" ", words)}.
 * </ul>
 */
public final class WordTokenizer implements AutoCloseable {
    /** The largest {@code tokenizer.json} read: 256 MiB. */
    public static final long MAX_FILE_BYTES = 256L << 20;

    private final HuggingFaceTokenizer tokenizer;
    private final Template template;
    private final long unknownId;
    private final boolean prefixSpace;
    private final Path file;
    private final long maxTokenId;

    /**
     * Special tokens around one sequence.
     *
     * @param prefixIds ids before the words
     * @param prefixTypes their token types
     * @param suffixIds ids after the words
     * @param suffixTypes their token types
     * @param contentType token type of the words
     */
    public record Template(long[] prefixIds, long[] prefixTypes, long[] suffixIds, long[] suffixTypes, long contentType) {
        /** Number of special tokens added to each sequence. */
        public int specials() {
            return prefixIds.length + suffixIds.length;
        }
    }

    /**
     * The subwords of one sentence, without special tokens.
     *
     * @param ids subword ids
     * @param wordStarts for each word, the index of its first subword; a final entry holds {@code ids.length}, so word
     *     {@code w} spans {@code [wordStarts[w], wordStarts[w+1])}
     * @param emptyWords words that produced no subword and were given the unknown token
     */
    public record Subwords(long[] ids, int[] wordStarts, int emptyWords) {
        /** Number of words. */
        public int words() {
            return wordStarts.length - 1;
        }

        /** Number of subwords of word {@code w}. */
        public int length(int w) {
            return wordStarts[w + 1] - wordStarts[w];
        }
    }

    private WordTokenizer(Path file, HuggingFaceTokenizer tokenizer, long unknownId, boolean prefixSpace,
            long maxTokenId) {
        this.file = file;
        this.maxTokenId = maxTokenId;
        this.tokenizer = tokenizer;
        this.unknownId = unknownId;
        this.prefixSpace = prefixSpace;
        this.template = learnTemplate(tokenizer);
    }

    /** Opens a {@code tokenizer.json}. */
    public static WordTokenizer open(Path tokenizerJson) throws ProbeException {
        byte[] bytes = InputFiles.readSmall(tokenizerJson, MAX_FILE_BYTES, "a model needs its tokenizer.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(tokenizerJson, "not a valid tokenizer.json", e);
        } catch (IOException e) {
            throw new ProbeException(tokenizerJson, "not a valid tokenizer.json: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ProbeException(tokenizerJson, "not a valid tokenizer.json: not a JSON object");
        }
        long unknown = unknownId(root.path("model"));
        boolean byteLevel = hasByteLevel(root.path("pre_tokenizer"));
        try {
            Map<String, String> options = new HashMap<>();
            options.put("addSpecialTokens", "false");
            options.put("truncation", "false");
            options.put("padding", "false");
            options.put("maxLength", "-1");
            return new WordTokenizer(tokenizerJson, HuggingFaceTokenizer.newInstance(tokenizerJson, options), unknown,
                    byteLevel, maxTokenId(root));
        } catch (IOException | RuntimeException e) {
            throw new ProbeException(tokenizerJson, "cannot load tokenizer: " + e.getMessage(), e);
        }
    }

    private static long unknownId(JsonNode model) {
        if (model.has("unk_id") && model.get("unk_id").isIntegralNumber()) {
            return model.get("unk_id").longValue(); // Unigram
        }
        String unk = model.path("unk_token").asText(null);
        JsonNode vocab = model.path("vocab");
        if (unk != null && vocab.isObject() && vocab.has(unk)) {
            return vocab.get(unk).longValue(); // WordPiece, BPE
        }
        return -1;
    }

    /**
     * The largest token id the file can produce: over {@code model.vocab} (an object of ids, or a Unigram list whose
     * index is the id) and {@code added_tokens}; -1 when it lists none.
     */
    private static long maxTokenId(JsonNode root) {
        long max = -1;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isArray()) {
            max = vocab.size() - 1L;
        } else if (vocab.isObject()) {
            for (JsonNode id : vocab) {
                max = Math.max(max, id.asLong(-1));
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asLong(-1));
        }
        return max;
    }

    /** The largest token id the tokenizer can produce (from its file), or -1 when unknown. */
    public long maxTokenId() {
        return maxTokenId;
    }

    /** Whether a pre-tokenizer is {@code ByteLevel} or a {@code Sequence} with a {@code ByteLevel} step. */
    private static boolean hasByteLevel(JsonNode preTokenizer) {
        if ("ByteLevel".equals(preTokenizer.path("type").asText())) {
            return true;
        }
        for (JsonNode step : preTokenizer.path("pretokenizers")) {
            if (hasByteLevel(step)) {
                return true;
            }
        }
        return false;
    }

    private static Template learnTemplate(HuggingFaceTokenizer tokenizer) {
        Encoding with = tokenizer.encode(new String[] {"a"}, true, false);
        long[] ids = with.getIds();
        long[] types = with.getTypeIds();
        long[] words = with.getWordIds();
        int first = 0;
        while (first < words.length && words[first] < 0) {
            first++;
        }
        int last = words.length - 1;
        while (last >= 0 && words[last] < 0) {
            last--;
        }
        long contentType = first < types.length ? types[first] : 0;
        return new Template(Arrays.copyOfRange(ids, 0, first), Arrays.copyOfRange(types, 0, first),
                Arrays.copyOfRange(ids, last + 1, ids.length), Arrays.copyOfRange(types, last + 1, ids.length),
                contentType);
    }

    /** The special tokens around each sequence. */
    public Template template() {
        return template;
    }

    /** The {@code tokenizer.json} file. */
    public Path file() {
        return file;
    }

    /**
     * Encodes the words of one sentence.
     *
     * @throws ProbeException when a word produces no subword and the tokenizer has no unknown token to stand for it
     */
    public Subwords encode(List<String> words) throws ProbeException {
        String[] input = words.toArray(String[]::new);
        if (prefixSpace) {
            for (int w = 0; w < input.length; w++) {
                if (!input[w].isEmpty() && input[w].charAt(0) != ' ') {
                    input[w] = " " + input[w]; // Hugging Face's add_prefix_space=True for pre-split words
                }
            }
        }
        Encoding encoding = tokenizer.encode(input, false, false);
        long[] ids = encoding.getIds();
        long[] wordIds = encoding.getWordIds();
        int n = words.size();
        int[] counts = new int[n];
        for (long w : wordIds) {
            if (w >= 0) {
                counts[(int) w]++;
            }
        }
        int empty = 0;
        for (int c : counts) {
            if (c == 0) {
                empty++;
            }
        }
        if (empty > 0 && unknownId < 0) {
            throw new ProbeException(file, "a word produced no subword and the tokenizer has no unknown token");
        }
        // pre-split words: each word's subwords are contiguous and in word order
        int[] starts = new int[n + 1];
        for (int w = 0; w < n; w++) {
            starts[w + 1] = starts[w] + Math.max(counts[w], 1);
        }
        long[] out = new long[starts[n]];
        int[] next = Arrays.copyOf(starts, n);
        for (int i = 0; i < ids.length; i++) {
            if (wordIds[i] >= 0) {
                out[next[(int) wordIds[i]]++] = ids[i];
            }
        }
        for (int w = 0; w < n; w++) {
            if (counts[w] == 0) {
                out[starts[w]] = unknownId;
            }
        }
        return new Subwords(out, starts, empty);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
