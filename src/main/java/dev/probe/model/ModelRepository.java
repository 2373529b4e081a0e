package dev.probe.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import dev.probe.io.DigestCache;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Hashes;
import dev.probe.io.Json;
import dev.probe.io.OutputBusyException;
import dev.probe.io.OutputKind;
import dev.probe.model.checkpoint.Checkpoints;
import dev.probe.model.onnx.BertOnnxImporter;
import dev.probe.model.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cache of imported models under {@code <home>/models}: the embedded ONNX exports are imported once into Hugging
 * Face folders there, then loaded like any folder. The SHA-256 digests of checkpoints and tokenizers recorded in store
 * manifests are remembered in {@code <home>/digests.json} ({@link DigestCache}).
 *
 * <p>The home is, in order: the system property {@code probe.home}, the environment variable {@code PROBE_HOME}, or
 * {@code ~/.cache/probe}.
 */
public final class ModelRepository {
    private static final Pattern IMPORT_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final int BUSY_ATTEMPTS = 3000;
    private static final long BUSY_PAUSE_MILLIS = 200;

    private final Path home;

    /** A repository rooted at {@code home}. */
    public ModelRepository(Path home) {
        this.home = home;
    }

    /** The repository at the default home. */
    public static ModelRepository atDefaultHome() {
        String property = System.getProperty("probe.home");
        String env = System.getenv("PROBE_HOME");
        Path home = property != null && !property.isBlank() ? Path.of(property)
                : env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "probe");
        return new ModelRepository(home);
    }

    /** The home folder. */
    public Path home() {
        return home;
    }

    /** The digests of model files, remembered in {@code <home>/digests.json}. */
    public DigestCache digests() {
        return new DigestCache(home.resolve(DigestCache.FILE_NAME));
    }

    /**
     * The SHA-256 of a model file (checkpoint, tokenizer), from the digest cache when the file is unchanged.
     *
     * @throws ProbeException naming the file when it cannot be read
     */
    public String sha256(Path file) throws ProbeException {
        try {
            return digests().sha256(file);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The model folder or file a {@code --model} value names: an alias's folder in this repository (imported on first
     * use), a Hugging Face hub cache folder's snapshot ({@link HubCache#modelFolder}), or the path as given.
     *
     * @throws ProbeException when an alias cannot be imported or a hub cache folder has no snapshot to choose
     */
    public Path modelPath(String spec) throws ProbeException {
        Optional<ModelAlias> alias = alias(spec);
        if (alias.isPresent()) {
            return resolve(alias.get());
        }
        Path path = Path.of(spec);
        if (!Files.exists(path) && IMPORT_NAME.matcher(spec).matches()
                && Files.isDirectory(home.resolve("models").resolve(spec))) {
            return home.resolve("models").resolve(spec); // a name given to probe models import
        }
        return Files.isDirectory(path) ? HubCache.modelFolder(path) : path;
    }

    /**
     * Imports a Hugging Face model folder (or hub cache folder, {@link HubCache}) into the cache under {@code name},
     * after checking that it loads: its {@code config.json} names a supported architecture and its checkpoint opens.
     * A copy holds {@code config.json}, the checkpoint files ({@link Checkpoints#files}), {@code tokenizer.json},
     * {@code tokenizer_config.json}, {@code vocab.txt} and {@code spiece.model} when there are (links followed: the
     * real bytes), and an {@code import.json} saying where they came from; a link
     * is a symbolic link to the source folder. Afterwards {@code --model name} loads it.
     *
     * @param source the model folder
     * @param name the name, letters, digits, {@code . _ -}, not an alias of an embedded model
     * @param link whether to link instead of copying
     * @return the folder in the cache
     * @throws ProbeException when the source is not a loadable model folder or the name is invalid or taken
     */
    public Path importFolder(Path source, String name, boolean link) throws ProbeException {
        if (!IMPORT_NAME.matcher(name).matches() || alias(name).isPresent()) {
            throw new ProbeException("invalid model name '" + name + "': use letters, digits, '.', '_' and '-', not"
                    + " starting with '.', and not an alias of an embedded model");
        }
        if (!Files.isDirectory(source)) {
            throw new ProbeException(source, "no such model folder");
        }
        Path folder = HubCache.modelFolder(source);
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        String type = config.modelType();
        if (Architectures.supported().stream().noneMatch(a -> a.modelType().equals(type))) {
            throw new ProbeException(config.file(), "unsupported model_type '" + type + "'");
        }
        Checkpoints.open(folder).close(); // every header and pickle is checked; no tensor is read
        Path target = home.resolve("models").resolve(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProbeException(target, "already exists: choose another name or delete it");
        }
        try {
            Files.createDirectories(target.getParent());
            Path real = folder.toRealPath();
            if (link) {
                Files.createSymbolicLink(target, real);
                return target;
            }
            try (AtomicDirectory out = AtomicDirectory.create(target, OutputKind.MODEL, false)) {
                List<Path> files = new ArrayList<>();
                files.add(folder.resolve("config.json"));
                files.addAll(Checkpoints.files(folder));
                for (String tokenizer : List.of("tokenizer.json", "tokenizer_config.json", "vocab.txt",
                        "spiece.model")) {
                    if (Files.isRegularFile(folder.resolve(tokenizer))) {
                        files.add(folder.resolve(tokenizer));
                    }
                }
                for (Path file : files) {
                    Files.copy(file, out.path().resolve(file.getFileName().toString()));
                }
                ObjectNode marker = new ObjectMapper().createObjectNode().put("kind", "checkpoint")
                        .put("source", real.toString()).put("mapping", "copied as it is");
                Files.writeString(out.path().resolve("import.json"), Json.writer().writeValueAsString(marker) + "\n");
                out.commit();
            }
            return target;
        } catch (IOException e) {
            throw new ProbeException(target, "cannot import " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code tokenizer.json} of a model folder: its own, or one built from its {@code vocab.txt} or {@code
     * spiece.model} ({@link TokenizerFiles}), saved beside the checkpoint when the folder is in this repository's
     * {@code models} (not through a link to a user's folder), else under {@code <home>/tokenizers}.
     *
     * @throws ProbeException when the folder has no tokenizer or it cannot be built
     */
    public Path tokenizerFile(Path folder) throws ProbeException {
        boolean own;
        try {
            Path models = home.resolve("models");
            own = Files.isDirectory(models) && folder.toRealPath().startsWith(models.toRealPath());
        } catch (IOException e) {
            throw new ProbeException(folder, "cannot read: " + e.getMessage(), e);
        }
        return TokenizerFiles.find(folder, own, home.resolve("tokenizers"));
    }

    /**
     * The digest of a model folder's weights: the SHA-256 of its checkpoint file ({@link Checkpoints#find}), or for
     * shards the SHA-256 of the lines {@code <sha256>  <file name>\n} of the index and each shard, in
     * {@link Checkpoints#files} order.
     *
     * @throws ProbeException when the folder has no checkpoint or a file cannot be read
     */
    public String weightsSha256(Path folder) throws ProbeException {
        List<Path> files = Checkpoints.files(folder);
        if (files.size() == 1) {
            return sha256(files.get(0));
        }
        StringBuilder lines = new StringBuilder();
        for (Path file : files) {
            lines.append(sha256(file)).append("  ").append(file.getFileName()).append('\n');
        }
        return Hashes.sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The alias of this name, if known. */
    public static Optional<ModelAlias> alias(String name) {
        return ModelAlias.KNOWN.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Where an alias is (or would be) cached. */
    public Path folder(ModelAlias alias) {
        return home.resolve("models").resolve(alias.name());
    }

    /** Whether an alias has been imported. */
    public boolean isCached(ModelAlias alias) {
        return Files.isRegularFile(folder(alias).resolve("model.safetensors"));
    }

    /** The cached model folders. */
    public List<Path> cached() throws IOException {
        Path models = home.resolve("models");
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(models)) {
            List<Path> result = new ArrayList<>();
            children.filter(p -> Files.isRegularFile(p.resolve("config.json"))).sorted().forEach(result::add);
            return result;
        }
    }

    /**
     * The Hugging Face folder of an alias, importing it from the classpath on first use.
     *
     * @throws ProbeException when the alias's artifact is not on the classpath or the import fails
     */
    public Path resolve(ModelAlias alias) throws ProbeException {
        Path folder = folder(alias);
        if (isCached(alias)) {
            return folder;
        }
        if (!alias.available()) {
            throw new ProbeException("model '" + alias.name() + "' is not available: add " + alias.artifact()
                    + " to the classpath (Maven profile extra-models)");
        }
        for (int attempt = 0; ; attempt++) {
            // the scratch copy of the embedded files is an output of its own: one writer, removed on Ctrl-C, and a
            // copy left by a killed import is cleared by the next one
            try (AtomicDirectory scratch = AtomicDirectory.create(folder.resolveSibling(alias.name() + ".src"),
                    OutputKind.MODEL, false)) {
                Path onnx = copyResource(alias.onnxResource(), scratch.path().resolve("model.onnx"));
                Path tokenizer = copyResource(alias.tokenizerResource(), scratch.path().resolve("tokenizer.json"));
                BertOnnxImporter.importModel(onnx, tokenizer, folder, false);
                return folder;
            } catch (IOException e) {
                throw new ProbeException(folder, "cannot import model '" + alias.name() + "': " + e.getMessage(), e);
            } catch (OutputBusyException e) {
                if (attempt >= BUSY_ATTEMPTS) { // another process imports it: wait for it
                    throw e;
                }
                pause();
            } catch (ProbeException e) {
                if (!isCached(alias)) { // another process may have imported it at the same time
                    throw e;
                }
            }
            if (isCached(alias)) {
                return folder;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BUSY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path copyResource(String resource, Path target) throws IOException {
        try (InputStream in = ModelRepository.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is missing from the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
