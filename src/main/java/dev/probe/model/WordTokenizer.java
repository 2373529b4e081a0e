package dev.probe.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
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
 */
public final class WordTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Template template;
    private final long unknownId;
    private final Path file;

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

    private WordTokenizer(Path file, HuggingFaceTokenizer tokenizer, long unknownId) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.unknownId = unknownId;
        this.template = learnTemplate(tokenizer);
    }

    /** Opens a {@code tokenizer.json}. */
    public static WordTokenizer open(Path tokenizerJson) throws ProbeException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ProbeException(tokenizerJson, "no such file (a model needs its tokenizer.json)");
        }
        long unknown = unknownId(tokenizerJson);
        try {
            Map<String, String> options = new HashMap<>();
            options.put("addSpecialTokens", "false");
            options.put("truncation", "false");
            options.put("padding", "false");
            options.put("maxLength", "-1");
            return new WordTokenizer(tokenizerJson, HuggingFaceTokenizer.newInstance(tokenizerJson, options), unknown);
        } catch (IOException | RuntimeException e) {
            throw new ProbeException(tokenizerJson, "cannot load tokenizer: " + e.getMessage(), e);
        }
    }

    private static long unknownId(Path file) throws ProbeException {
        JsonNode model;
        try {
            model = new ObjectMapper().readTree(file.toFile()).path("model");
        } catch (IOException e) {
            throw new ProbeException(file, "not a valid tokenizer.json: " + e.getMessage(), e);
        }
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
        Encoding encoding = tokenizer.encode(words.toArray(String[]::new), false, false);
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
