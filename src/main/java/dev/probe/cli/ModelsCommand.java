package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.model.Architectures;
import dev.probe.model.ModelAlias;
import dev.probe.model.ModelRepository;
import dev.probe.model.onnx.BertOnnxImporter;
import dev.probe.model.onnx.ImportResult;
import dev.probe.io.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe models}: aliases, supported architectures and the model cache; {@code import-onnx}, {@code import}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List model aliases, supported architectures and cached models.",
        subcommands = {ModelsCommand.ImportOnnx.class, ModelsCommand.ImportFolder.class})
public final class ModelsCommand implements Callable<Integer> {
    private static final String TORCHSCRIPT =
            "any module returning the tuple of hidden states (--model FILE.pt --tokenizer FILE)";

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    JsonOption json;

    /** What {@code probe models --json} prints. */
    record Listing(List<AliasRow> aliases, Map<String, String> architectures, String cache, List<String> cached) {
    }

    /** One alias of {@link Listing}. */
    record AliasRow(String name, boolean available, boolean cached, String huggingFaceId, String folder) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelRepository repository = ModelRepository.atDefaultHome();
        if (json.enabled) {
            List<AliasRow> aliases = new ArrayList<>();
            for (ModelAlias alias : ModelAlias.KNOWN) {
                aliases.add(new AliasRow(alias.name(), alias.available(), repository.isCached(alias),
                        alias.huggingFaceId(), repository.folder(alias).toString()));
            }
            Map<String, String> architectures = new LinkedHashMap<>();
            Architectures.supported().forEach(a -> architectures.put(a.modelType(), a.description()));
            architectures.put("torchscript", TORCHSCRIPT);
            out.println(Json.writer().writeValueAsString(new Listing(aliases, architectures,
                    repository.home().resolve("models").toString(),
                    repository.cached().stream().map(Path::toString).toList())));
            out.flush();
            return 0;
        }
        out.println("alias\tavailable\tcached\thugging_face_id\tfolder");
        for (ModelAlias alias : ModelAlias.KNOWN) {
            out.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%s%n", alias.name(), alias.available() ? "yes" : "no",
                    repository.isCached(alias) ? "yes" : "no", alias.huggingFaceId(), repository.folder(alias));
        }
        out.println();
        out.println("model_type\tcovers");
        for (Architectures.Architecture a : Architectures.supported()) {
            out.printf(Locale.ROOT, "%s\t%s%n", a.modelType(), a.description());
        }
        out.println("torchscript\t" + TORCHSCRIPT);
        out.println();
        out.println("cache\t" + repository.home().resolve("models"));
        for (Path folder : repository.cached()) {
            out.println("cached\t" + folder);
        }
        out.flush();
        return 0;
    }

    /** {@code probe models import-onnx}: a BERT ONNX export into a Hugging Face folder. */
    @Command(name = "import-onnx", mixinStandardHelpOptions = true,
            description = "Import a BERT-family ONNX export (fp32) into a Hugging Face folder usable with --model DIR.")
    static final class ImportOnnx implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LoggingOptions logging;

        @Parameters(index = "0", paramLabel = "FILE.onnx", description = "The ONNX graph.")
        Path onnx;

        @Option(names = "--tokenizer", required = true, paramLabel = "tokenizer.json", description = "Its tokenizer.")
        Path tokenizer;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to create.")
        Path out;

        @Option(names = "--force", description = "Replace a model folder imported by probe (never another folder).")
        boolean force;

        @Override
        public Integer call() throws ProbeException {
            ImportResult result = BertOnnxImporter.importModel(onnx, tokenizer, out, force);
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "folder\t%s%nlayers\t%d%nhidden\t%d%nheads\t%d%nintermediate\t%d%nvocab\t%d%n",
                    result.folder(), result.layers(), result.hidden(), result.heads(), result.intermediate(),
                    result.vocab());
            w.flush();
            return 0;
        }
    }

    /** {@code probe models import}: a Hugging Face checkpoint folder into the model cache under a name. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Copy (or link) a Hugging Face model folder or hub cache folder into the model cache, so"
                    + " that --model NAME loads it. The folder is checked first: a supported config.json and a"
                    + " checkpoint that opens (model.safetensors, pytorch_model.bin or their shard index).")
    static final class ImportFolder implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LoggingOptions logging;

        @Parameters(index = "0", paramLabel = "PATH", description = "The model folder (or models--org--name/).")
        Path source;

        @Option(names = "--alias", required = true, paramLabel = "NAME", description = "The name for --model.")
        String alias;

        @Option(names = "--link", description = "Link to the folder instead of copying its files.")
        boolean link;

        @Override
        public Integer call() throws ProbeException {
            ModelRepository repository = ModelRepository.atDefaultHome();
            Path folder = repository.importFolder(source, alias, link);
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "alias\t%s%nfolder\t%s%nmode\t%s%n", alias, folder, link ? "link" : "copy");
            w.flush();
            return 0;
        }
    }
}
