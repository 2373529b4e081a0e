package dev.probe.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.model.ModelRepository;
import dev.probe.model.WordTokenizer;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answer: the Unigram models {@code tokenizers/spiece/spiece-identity.model} and {@code spiece-nmt-nfkc.model}
 * (trained by {@code spm_train} with the normalization rules {@code identity}, no charsmap, and {@code nmt_nfkc}, a
 * precompiled charsmap that DJL's {@code Precompiled} normalizer runs) converted to a {@code tokenizer.json} and run by
 * DJL encode every sentence of the EWT dev sample and a line of NFKC cases, word by word, to the same pieces and ids
 * as the Python {@code sentencepiece} module
 * ({@code spiece-identity.tsv}, written by {@code scripts/spiece-fixture.sh}), except a few words whose two
 * segmentations score exactly the same ({@code 0 00} / {@code 00 0}): there float rounding breaks the tie, and
 * sentencepiece sums scores in float where Hugging Face sums in double.
 */
class SpieceTokenizerTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"identity; 0; 5,000 20,000", "nmt-nfkc; 237561; 12,000 8,000 08/16/2000"})
    void encodesTheEwtDevSampleLikeSentencePiece(String rule, int charsmapBytes, String expectedTies) throws Exception {
        Path folder = checkpoint("spiece-" + rule, "plain", null);
        Path built = new ModelRepository(tmp.resolve("home")).tokenizerFile(folder);
        assertThat(folder.resolve("tokenizer.json")).doesNotExist();
        SentencePieceModel model = SentencePieceModel.read(folder.resolve("spiece.model"));
        assertThat(model.pieces()).hasSize(400);
        assertThat(model.unkId()).isZero();
        assertThat(model.normalizerName()).isEqualTo(rule.replace('-', '_'));
        assertThat(model.charsmap().length).isEqualTo(charsmapBytes);
        List<String> lines = Files.readAllLines(resource("spiece-" + rule + ".tsv"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(301);
        int unknown = 0;
        List<String> ties = new ArrayList<>();
        try (WordTokenizer tokenizer = WordTokenizer.open(built)) {
            assertThat(tokenizer.template().specials()).isZero();
            for (String line : lines) {
                String[] columns = line.split("\t", -1);
                List<String> words = List.of(columns[0].split(" "));
                String[] pieces = columns[1].split(" \\| ", -1);
                String[] ids = columns[2].split(" \\| ", -1);
                assertThat(ids).hasSize(words.size());
                WordTokenizer.Subwords got = tokenizer.encode(words);
                assertThat(got.words()).isEqualTo(words.size());
                for (int w = 0; w < words.size(); w++) {
                    long[] want = Arrays.stream(ids[w].split(" ")).mapToLong(Long::parseLong).toArray();
                    long[] mine = Arrays.copyOfRange(got.ids(), got.wordStarts()[w], got.wordStarts()[w + 1]);
                    if (!Arrays.equals(mine, want)) { // only an exact tie, which float rounding breaks either way
                        assertThat(text(model, mine)).as(words.get(w)).isEqualTo(text(model, want));
                        assertThat(score(model, mine)).as(words.get(w)).isEqualByComparingTo(score(model, want));
                        ties.add(words.get(w));
                        continue;
                    }
                    String[] wantPieces = pieces[w].split(" ");
                    for (int i = 0; i < mine.length; i++) {
                        if (mine[i] == model.unkId()) {
                            unknown++; // sentencepiece prints an unknown piece as its text
                        } else {
                            assertThat(model.pieces().get((int) mine[i]).piece()).isEqualTo(wantPieces[i]);
                        }
                    }
                }
            }
        }
        // "0 00" and "00 0" score the same: sentencepiece sums in float, Hugging Face in double, so rounding picks
        assertThat(ties).containsExactly(expectedTies.split(" "));
        assertThat(unknown).as("unknown pieces exercised").isPositive();
    }

    @Test
    void xlnetConfigPutsSepAndClsAtTheEnd() throws Exception {
        Path folder = checkpoint("spiece-identity", "xlnet",
                "{\"tokenizer_class\": \"XLNetTokenizer\", \"do_lower_case\": false}");
        Path built = new ModelRepository(tmp.resolve("home")).tokenizerFile(folder);
        try (WordTokenizer tokenizer = WordTokenizer.open(built)) {
            assertThat(tokenizer.template().prefixIds()).isEmpty();
            assertThat(tokenizer.template().suffixIds()).containsExactly(3, 4); // <sep> <cls>
            assertThat(tokenizer.template().suffixTypes()).containsExactly(0, 2);
            assertThat(tokenizer.encode(List.of("the")).ids()).containsExactly(10); // ▁the
        }
    }

    @Test
    void t5ConfigEndsWithEosAndAlbertNeedsItsPieces() throws Exception {
        Path folder = checkpoint("spiece-identity", "t5", "{\"tokenizer_class\": \"T5Tokenizer\"}");
        Path built = new ModelRepository(tmp.resolve("home")).tokenizerFile(folder);
        try (WordTokenizer tokenizer = WordTokenizer.open(built)) {
            assertThat(tokenizer.template().prefixIds()).isEmpty();
            assertThat(tokenizer.template().suffixIds()).containsExactly(2); // </s>
        }
        Path albert = checkpoint("spiece-identity", "albert", "{\"tokenizer_class\": \"AlbertTokenizer\"}");
        assertThatThrownBy(() -> new ModelRepository(tmp.resolve("home")).tokenizerFile(albert))
                .isInstanceOf(ProbeException.class).hasMessageContaining("spiece.model")
                .hasMessageContaining("needs the piece '[CLS]'");
    }

    @Test
    void malformedAndBpeModelsFailNamingTheFile() throws Exception {
        byte[] good;
        try (InputStream in = Files.newInputStream(resource("spiece-identity.model"))) {
            good = in.readAllBytes();
        }
        Path file = tmp.resolve("spiece.model");
        Files.write(file, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> SentencePieceModel.read(file)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("spiece.model").hasMessageContaining("not a SentencePiece model");
        Files.write(file, "not a protobuf at all\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SentencePieceModel.read(file)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("not a SentencePiece model");
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> SentencePieceModel.read(file)).hasMessageContaining("no pieces");
        byte[] bpe = Arrays.copyOf(good, good.length + 4); // a later trainer_spec with model_type = BPE (2)
        System.arraycopy(new byte[] {0x12, 0x02, 0x18, 0x02}, 0, bpe, good.length, 4);
        Files.write(file, bpe);
        assertThatThrownBy(() -> UnigramJson.build(file, new ObjectMapper().createObjectNode()))
                .isInstanceOf(ProbeException.class).hasMessageContaining("spiece.model")
                .hasMessageContaining("a SentencePiece BPE model: only Unigram");
    }

    /** The pieces' text joined, or null when one is the unknown piece. */
    private static String text(SentencePieceModel model, long[] ids) {
        StringBuilder text = new StringBuilder();
        for (long id : ids) {
            if (id == model.unkId()) {
                return null;
            }
            text.append(model.pieces().get((int) id).piece());
        }
        return text.toString();
    }

    /** The exact sum of the pieces' scores. */
    private static BigDecimal score(SentencePieceModel model, long[] ids) {
        BigDecimal sum = BigDecimal.ZERO;
        for (long id : ids) {
            sum = sum.add(new BigDecimal(model.pieces().get((int) id).score()));
        }
        return sum;
    }

    private Path checkpoint(String model, String name, String config) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve(name));
        Files.copy(resource(model + ".model"), folder.resolve("spiece.model"));
        if (config != null) {
            Files.writeString(folder.resolve("tokenizer_config.json"), config);
        }
        return folder;
    }

    private static Path resource(String name) throws Exception {
        return Path.of(SpieceTokenizerTest.class.getResource("/tokenizers/spiece/" + name).toURI());
    }
}
