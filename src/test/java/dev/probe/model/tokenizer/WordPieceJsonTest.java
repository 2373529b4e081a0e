package dev.probe.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.Sentence;
import dev.probe.model.ModelRepository;
import dev.probe.model.WordTokenizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answer: MiniLM's WordPiece vocabulary written out as {@code vocab.txt} (in id order) plus a {@code
 * tokenizer_config.json} with {@code do_lower_case: true} builds a tokenizer that encodes every sentence of the bundled
 * EWT samples to the same ids and word alignment as MiniLM's shipped {@code tokenizer.json}.
 */
class WordPieceJsonTest {
    @TempDir
    Path tmp;

    @Test
    void vocabTxtOfMiniLmEncodesTheEwtSamplesLikeItsTokenizerJson() throws Exception {
        Path shipped = tmp.resolve("shipped.json");
        try (InputStream in = WordPieceJsonTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            assertThat(in).as("MiniLM tokenizer on the test classpath").isNotNull();
            Files.copy(in, shipped);
        }
        JsonNode vocab = new ObjectMapper().readTree(shipped.toFile()).path("model").path("vocab");
        String[] tokens = new String[vocab.size()];
        vocab.fields().forEachRemaining(e -> tokens[e.getValue().intValue()] = e.getKey());
        Path folder = Files.createDirectories(tmp.resolve("checkpoint"));
        Files.writeString(folder.resolve("vocab.txt"), String.join("\n", tokens) + "\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"do_lower_case\": true}");
        ModelRepository repository = new ModelRepository(tmp.resolve("home"));
        Path built = repository.tokenizerFile(folder);
        assertThat(built).startsWith(tmp.resolve("home").resolve("tokenizers"));
        assertThat(folder.resolve("tokenizer.json")).doesNotExist(); // never written into a user's folder
        assertThat(repository.tokenizerFile(folder)).isEqualTo(built);

        List<List<String>> sentences = new ArrayList<>();
        try (var samples = Files.list(Path.of("data-samples/ud-ewt"))) {
            for (Path file : samples.sorted().toList()) {
                for (Sentence s : Corpora.read(file, null, Corpora.DEFAULT_CONLLU_COLUMN).sentences()) {
                    sentences.add(s.words());
                }
            }
        }
        assertThat(sentences).hasSizeGreaterThan(100);
        try (WordTokenizer expected = WordTokenizer.open(shipped); WordTokenizer actual = WordTokenizer.open(built)) {
            assertThat(actual.template()).usingRecursiveComparison().isEqualTo(expected.template());
            assertThat(actual.maxTokenId()).isEqualTo(expected.maxTokenId());
            for (List<String> words : sentences) {
                WordTokenizer.Subwords want = expected.encode(words);
                WordTokenizer.Subwords got = actual.encode(words);
                assertThat(got.ids()).as("%s", words).containsExactly(want.ids());
                assertThat(got.wordStarts()).as("%s", words).containsExactly(want.wordStarts());
                assertThat(got.emptyWords()).isEqualTo(want.emptyWords());
            }
            WordTokenizer.Subwords cafe = actual.encode(List.of("Café", "[MASK]"));
            assertThat(cafe.ids()).containsExactly(7668, 103); // lower-cased, accent stripped; the mask whole
        }
    }

    @Test
    void optionsAndSpecialTokensComeFromTheConfig() throws Exception {
        Path vocab = tmp.resolve("vocab.txt");
        Files.writeString(vocab, "<pad>\r\n<unk>\r\n<cls>\r\n<sep>\r\nA\r\na\r\n##b\r\n<unk>\r\n");
        JsonNode config = new ObjectMapper().readTree("{\"do_lower_case\": false, \"strip_accents\": true,"
                + " \"tokenize_chinese_chars\": false, \"unk_token\": {\"content\": \"<unk>\"},"
                + " \"cls_token\": \"<cls>\","
                + " \"sep_token\": \"<sep>\", \"pad_token\": \"<pad>\"}");
        JsonNode json = WordPieceJson.build(vocab, config);
        assertThat(json.path("normalizer").toString()).isEqualTo("{\"type\":\"BertNormalizer\",\"clean_text\":true,"
                + "\"handle_chinese_chars\":false,\"strip_accents\":true,\"lowercase\":false}");
        assertThat(json.path("model").path("unk_token").asText()).isEqualTo("<unk>");
        assertThat(json.path("model").path("vocab").toString()) // a repeated token keeps its last id, as in HF
                .isEqualTo("{\"<pad>\":0,\"<cls>\":2,\"<sep>\":3,\"A\":4,\"a\":5,\"##b\":6,\"<unk>\":7}");
        assertThat(json.path("added_tokens").findValuesAsText("content")).containsExactly("<pad>", "<cls>", "<sep>",
                "<unk>");
        assertThat(json.path("post_processor").path("special_tokens").path("<cls>").path("ids").toString())
                .isEqualTo("[2]");
    }

    @Test
    void badInputsFailNamingTheFile() throws Exception {
        Path vocab = tmp.resolve("vocab.txt");
        JsonNode none = new ObjectMapper().createObjectNode();
        Files.write(vocab, new byte[] {'a', '\n', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> WordPieceJson.build(vocab, none)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("vocab.txt").hasMessageContaining("not UTF-8");
        Files.writeString(vocab, "");
        assertThatThrownBy(() -> WordPieceJson.build(vocab, none)).hasMessageContaining("no tokens");
        Files.writeString(vocab, "[CLS]\n[SEP]\nthe\n");
        assertThatThrownBy(() -> WordPieceJson.build(vocab, none))
                .hasMessageContaining("vocab.txt").hasMessageContaining("'[UNK]' is not in the vocabulary");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ModelRepository repository = new ModelRepository(tmp.resolve("home"));
        assertThatThrownBy(() -> repository.tokenizerFile(empty)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("empty")
                .hasMessageContaining("none of tokenizer.json, vocab.txt and spiece.model");
    }

    @Test
    void aFolderInTheToolsCacheGetsItsTokenizerBesideTheCheckpoint() throws Exception {
        Path home = tmp.resolve("home");
        Path folder = Files.createDirectories(home.resolve("models").resolve("tiny"));
        Files.writeString(folder.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n");
        Path built = new ModelRepository(home).tokenizerFile(folder);
        assertThat(built).isEqualTo(folder.resolve("tokenizer.json"));
        try (WordTokenizer tokenizer = WordTokenizer.open(built)) {
            assertThat(tokenizer.encode(List.of("The", "cat")).ids()).containsExactly(5, 1);
            assertThat(tokenizer.template().prefixIds()).containsExactly(2);
            assertThat(tokenizer.template().suffixIds()).containsExactly(3);
        }
    }
}
