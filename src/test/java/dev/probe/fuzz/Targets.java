package dev.probe.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.activations.store.NpyArrays;
import dev.probe.activations.store.NpyHeader;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreManifest;
import dev.probe.activations.store.TokensTable;
import dev.probe.corpus.Corpora;
import dev.probe.corpus.CorpusFormat;
import dev.probe.io.Json;
import dev.probe.model.ModelConfig;
import dev.probe.model.bert.BertConfig;
import dev.probe.model.checkpoint.Checkpoint;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsReader;
import dev.probe.model.checkpoint.SafetensorsWriter;
import dev.probe.model.checkpoint.TorchPickles;
import dev.probe.model.checkpoint.TorchZipReader;
import dev.probe.model.distilbert.DistilBertConfig;
import dev.probe.model.electra.ElectraConfig;
import dev.probe.model.gpt2.Gpt2Config;
import dev.probe.model.llama.LlamaConfig;
import dev.probe.model.onnx.OnnxFuzzing;
import dev.probe.model.roberta.RobertaConfig;
import dev.probe.model.tokenizer.UnigramJson;
import dev.probe.model.tokenizer.WordPieceJson;
import dev.probe.model.xlnet.XlnetConfig;
import dev.probe.pipeline.PipelineConfig;
import dev.probe.probe.SyntheticStores;
import dev.probe.rank.RankingResult;
import dev.probe.report.RankingFiles;
import dev.probe.report.SampleRankings;
import dev.probe.testing.TinyBert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The parsers of hostile input files, as fuzz targets (see {@link ParserFuzzTest}). */
final class Targets {
    private static final byte[] SPLIT = "\0--label--\0".getBytes(StandardCharsets.ISO_8859_1);

    private Targets() {
    }

    /** A target from a name, seeds and a parse step. */
    private record Simple(String name, Seeds seedSource, Parse parse) implements FuzzTarget {
        @Override
        public List<byte[]> seeds() throws Exception {
            return seedSource.get();
        }

        @Override
        public Path run(byte[] input, Path scratch) throws Exception {
            return parse.run(input, scratch);
        }
    }

    @FunctionalInterface
    private interface Seeds {
        List<byte[]> get() throws Exception;
    }

    @FunctionalInterface
    private interface Parse {
        Path run(byte[] input, Path scratch) throws Exception;
    }

    /** Every target. */
    static List<FuzzTarget> all() {
        return List.of(safetensors(), pytorch(), npy(), onnx(), conllu(), tsv(), neurox(), configJson(), yaml(), tokensTsv(),
                manifest(), ranking(), vocabTxt(), spieceModel());
    }

    static FuzzTarget safetensors() {
        return new Simple("safetensors", () -> {
            Path tmp = Files.createTempFile("seed", ".safetensors");
            try {
                SafetensorsWriter.write(tmp, new TreeMap<>(Map.of("a.weight", new FloatTensor(new long[] {2, 3},
                        new float[] {1, 2, 3, 4, 5, 6}), "b", new FloatTensor(new long[] {4}, new float[] {1, 0, -1, 2}),
                        "c", new FloatTensor(new long[] {}, new float[] {7}))), Map.of("format", "pt"));
                return List.of(Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }, (input, scratch) -> {
            Path file = Files.write(scratch.resolve("model.safetensors"), input);
            try (SafetensorsReader reader = SafetensorsReader.open(file)) {
                for (String name : reader.tensors().keySet()) {
                    reader.readFloats(name);
                }
            }
            return file;
        });
    }

    static FuzzTarget pytorch() {
        return new Simple("pytorch", () -> {
            byte[] pickle = TorchPickles.protocol2().op('}').op('(')
                    .string("w").tensor("HalfStorage", "0", 4, 0, new int[] {2, 2}, new int[] {1, 2})
                    .string("v").tensor("FloatStorage", "1", 3, 1, new int[] {2}, new int[] {1}).op('u').stop();
            Path tmp = Files.createTempFile("seed", ".bin");
            try {
                Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
                entries.put("archive/data.pkl", pickle);
                entries.put("archive/data/0", new byte[] {0, 60, 0, 64, 0, -64, 0, 0});
                entries.put("archive/data/1", new byte[12]);
                TorchPickles.zip(tmp, entries);
                return List.of(resource("/checkpoints/tiny.bin"), Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }, (input, scratch) -> {
            Path file = Files.write(scratch.resolve("pytorch_model.bin"), input);
            try (Checkpoint checkpoint = TorchZipReader.open(file)) {
                for (String name : checkpoint.names()) {
                    checkpoint.shape(name);
                    checkpoint.readFloats(name);
                }
            }
            return file;
        });
    }

    static FuzzTarget npy() {
        return new Simple("npy", () -> {
            Path tmp = Files.createTempFile("seed", ".npy");
            try {
                NpyArrays.write(tmp, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
                byte[] f32 = Files.readAllBytes(tmp);
                byte[] header = NpyHeader.of(StoreDtype.FLOAT16, 2, 2).encode();
                byte[] f16 = Arrays.copyOf(header, header.length + 8);
                return List.of(f32, f16);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }, (input, scratch) -> {
            Path file = Files.write(scratch.resolve("activations.npy"), input);
            NpyHeader.read(file);
            try (NpyMatrix m = NpyMatrix.open(file)) {
                float[] row = new float[m.cols()];
                for (long r = 0; r < Math.min(m.rows(), 16); r++) {
                    m.readRow(r, row, 0);
                }
            }
            NpyArrays.read(file);
            return file;
        });
    }

    static FuzzTarget onnx() {
        return new Simple("onnx", () -> List.of(onnxSeed()), (input, scratch) -> {
            Path file = Files.write(scratch.resolve("model.onnx"), input);
            OnnxFuzzing.readAndMatch(file);
            return file;
        });
    }

    static FuzzTarget conllu() {
        return new Simple("conllu", () -> List.of(head(Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu"), 60)),
                (input, scratch) -> {
                    Path file = Files.write(scratch.resolve("corpus.conllu"), input);
                    Corpora.read(file, CorpusFormat.CONLLU, "deprel");
                    return file;
                });
    }

    static FuzzTarget tsv() {
        return new Simple("tsv", () -> List.of(head(Path.of("data-samples/streusle/dev.sample.tsv"), 60),
                head(Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu"), 20)), (input, scratch) -> {
                    Path file = Files.write(scratch.resolve("corpus.conll"), input);
                    Corpora.read(file, null, "2");
                    return file;
                });
    }

    static FuzzTarget neurox() {
        return new Simple("neurox", () -> {
            ByteArrayOutputStream seed = new ByteArrayOutputStream();
            seed.writeBytes(head(Path.of("data-samples/neurox/ewt-dev.sample.in"), 12));
            seed.writeBytes(SPLIT);
            seed.writeBytes(head(Path.of("data-samples/neurox/ewt-dev.sample.label"), 12));
            return List.of(seed.toByteArray());
        }, (input, scratch) -> {
            int at = indexOf(input, SPLIT);
            byte[] in = at < 0 ? input : Arrays.copyOf(input, at);
            byte[] label = at < 0 ? new byte[0] : Arrays.copyOfRange(input, at + SPLIT.length, input.length);
            Path file = Files.write(scratch.resolve("corpus.in"), in);
            Files.write(scratch.resolve("corpus.label"), label);
            Corpora.read(file, null, null);
            return file;
        });
    }

    static FuzzTarget configJson() {
        return new Simple("config.json", () -> {
            List<byte[]> seeds = new ArrayList<>();
            for (String arch : List.of("bert", "distilbert", "electra", "gpt2", "llama", "roberta", "xlnet")) {
                seeds.add(resource("/fixtures/" + arch + "/config.json"));
            }
            return seeds;
        }, (input, scratch) -> {
            Path file = Files.write(scratch.resolve("config.json"), input);
            ModelConfig config = ModelConfig.read(file);
            switch (config.modelType()) {
                case "bert" -> BertConfig.from(config);
                case "distilbert" -> DistilBertConfig.from(config);
                case "electra" -> ElectraConfig.from(config);
                case "gpt2" -> Gpt2Config.from(config);
                case "roberta", "xlm-roberta", "camembert" -> RobertaConfig.from(config);
                case "xlnet" -> XlnetConfig.from(config);
                default -> LlamaConfig.from(config, config.modelType());
            }
            return file;
        });
    }

    static FuzzTarget vocabTxt() {
        return new Simple("vocab.txt", () -> List.of("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n##s\ncaf\u00e9\n"
                .getBytes(StandardCharsets.UTF_8)), (input, scratch) -> {
                    Path file = Files.write(scratch.resolve("vocab.txt"), input);
                    WordPieceJson.build(file, new ObjectMapper().createObjectNode());
                    return file;
                });
    }

    static FuzzTarget spieceModel() {
        return new Simple("spiece.model", () -> List.of(resource("/tokenizers/spiece/spiece-identity.model")),
                (input, scratch) -> {
                    Path file = Files.write(scratch.resolve("spiece.model"), input);
                    UnigramJson.build(file, new ObjectMapper().readTree("{\"tokenizer_class\": \"XLNetTokenizer\"}"));
                    return file;
                });
    }

    static FuzzTarget yaml() {
        return new Simple("yaml", () -> List.of(("""
                run_dir: out
                models:
                  - name: tiny
                    model: model
                    layers: [0, 1]
                    dtype: float16
                    aggregate: mean
                tasks:
                  - name: xpos
                    column: xpos
                    train: data/train.conllu
                    dev: data/dev.conllu
                  - name: sst
                    format: tsv
                    column: 2
                    token_column: 1
                    train: data/train.tsv
                    dev: data/train.tsv
                rank:
                  delta: 1.5
                  l1: 0.001
                  grid: [0, 0.001]
                  control: true
                  seed: 3
                """).getBytes(StandardCharsets.UTF_8)), (input, scratch) -> {
                    Path data = Files.createDirectories(scratch.resolve("data"));
                    for (String name : List.of("train.conllu", "dev.conllu", "train.tsv")) {
                        if (!Files.exists(data.resolve(name))) {
                            Files.writeString(data.resolve(name), "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n");
                        }
                    }
                    Path model = Files.createDirectories(scratch.resolve("model"));
                    if (!Files.exists(model.resolve("config.json"))) {
                        Files.write(model.resolve("config.json"), resource("/fixtures/bert/config.json"));
                    }
                    Path file = Files.write(scratch.resolve("pipeline.yaml"), input);
                    PipelineConfig.load(file);
                    return file;
                });
    }

    static FuzzTarget tokensTsv() {
        return new Simple("tokens.tsv", () -> {
            Path tmp = Files.createTempFile("seed", ".tsv");
            try {
                TokensTable.write(tmp, List.of("label"), List.of(new dev.probe.activations.store.TokenRow(0, 0, "\"", "``"),
                        new dev.probe.activations.store.TokenRow(0, 1, "a\tb\\c", "#"),
                        new dev.probe.activations.store.TokenRow(1, 0, "\u0007", "NA")));
                return List.of(Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }, (input, scratch) -> {
            Path file = Files.write(scratch.resolve("tokens.tsv"), input);
            TokensTable.read(file, List.of("label"));
            return file;
        });
    }

    static FuzzTarget manifest() {
        return new Simple("manifest.json", () -> List.of(SyntheticStores.manifest(20, 2, 8, List.of(0, 1),
                SyntheticStores.CONFIG, StoreDtype.FLOAT16, Map.of("A", 12L, "B", 8L)).toJson()
                .getBytes(StandardCharsets.UTF_8)), (input, scratch) -> {
                    Path dir = Files.createDirectories(scratch.resolve("store"));
                    Path file = Files.write(dir.resolve(StoreManifest.FILE_NAME), input);
                    StoreManifest.read(dir);
                    return file;
                });
    }

    static FuzzTarget ranking() {
        return new Simple("ranking.json", () -> {
            RankingResult r = SampleRankings.of("bert", "pos", new int[] {3, 9, 12}, List.of("NOUN", "VERB"),
                    new int[][] {{3, 9}, {12}}, 0.9, Double.NaN, true, true);
            return List.of(Json.writer(RankingResult.class).writeValueAsBytes(r));
        }, (input, scratch) -> {
            Path file = Files.write(scratch.resolve("ranking.json"), input);
            RankingFiles.read(file);
            return file;
        });
    }

    // ---------------------------------------------------------------- seed helpers

    private static byte[] head(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return (String.join("\n", all.subList(0, Math.min(lines, all.size()))) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Targets.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A small ONNX model: two initializers (raw and packed), a Constant node with attributes, a MatMul. */
    private static byte[] onnxSeed() {
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3)
                .putFloat(4);
        byte[] weight = cat(varint(1, 2), varint(1, 2), varint(2, 1), bytes(8, "w".getBytes()), bytes(9, raw.array()));
        byte[] bias = cat(bytes(1, new byte[] {2}), varint(2, 1), bytes(4, ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-0.5f).array()), bytes(8, "b".getBytes()));
        byte[] shape = cat(varint(1, 3), varint(2, 7), bytes(7, new byte[] {0, 1, 12}));
        byte[] constant = cat(bytes(2, "shape".getBytes()), bytes(3, "c".getBytes()), bytes(4, "Constant".getBytes()),
                bytes(5, cat(bytes(1, "value".getBytes()), bytes(5, shape), varint(20, 4))));
        byte[] matMul = cat(bytes(1, "x".getBytes()), bytes(1, "w".getBytes()), bytes(2, "y".getBytes()),
                bytes(3, "mm".getBytes()), bytes(4, "MatMul".getBytes()),
                bytes(5, cat(bytes(1, "perm".getBytes()), bytes(8, new byte[] {0, 2, 1}), varint(20, 7))));
        byte[] graph = cat(bytes(1, constant), bytes(1, matMul), bytes(2, "g".getBytes()), bytes(5, weight),
                bytes(5, bias), bytes(11, bytes(1, "x".getBytes())), bytes(12, bytes(1, "y".getBytes())));
        return cat(varint(1, 8), bytes(7, graph));
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] bytes(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3 | 2);
        writeVarint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
