package dev.probe.model;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Model folders of the Hugging Face hub cache ({@code ~/.cache/huggingface/hub/models--org--name/}): a repository
 * folder holds {@code refs/main} (a commit hash), {@code snapshots/<hash>/} (the files, as symbolic links into
 * {@code blobs/}) and {@code blobs/}. A snapshot folder is an ordinary model folder whose files are links; the links
 * are followed when reading and when hashing, so digests describe the real files.
 */
public final class HubCache {
    private HubCache() {
    }

    /**
     * The model folder to read for {@code folder}: for a hub repository folder (one with {@code snapshots/} and no
     * {@code config.json}), the snapshot {@code refs/main} names, else its only snapshot; any other folder as it is.
     *
     * @throws ProbeException naming the folder when {@code refs/main} names no snapshot, there is none, or there are
     *     several and no {@code refs/main} to choose (the message lists them)
     */
    public static Path modelFolder(Path folder) throws ProbeException {
        Path snapshots = folder.resolve("snapshots");
        if (!Files.isDirectory(snapshots) || Files.exists(folder.resolve("config.json"))) {
            return folder;
        }
        Path ref = folder.resolve("refs").resolve("main");
        if (Files.isRegularFile(ref)) {
            String hash;
            try {
                hash = Files.readString(ref, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ProbeException(ref, "cannot read: " + e.getMessage(), e);
            }
            if (hash.isEmpty() || hash.contains("/") || hash.contains("\\") || hash.equals(".") || hash.equals("..")) {
                throw new ProbeException(ref, "does not hold a snapshot name: '" + hash + "'");
            }
            Path snapshot = snapshots.resolve(hash);
            if (!Files.isDirectory(snapshot)) {
                throw new ProbeException(ref, "names snapshot " + hash + ", which is not in " + snapshots);
            }
            return snapshot;
        }
        List<Path> all;
        try (Stream<Path> children = Files.list(snapshots)) {
            all = children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new ProbeException(snapshots, "cannot list: " + e.getMessage(), e);
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        if (all.isEmpty()) {
            throw new ProbeException(folder, "a Hugging Face cache folder without any snapshot (snapshots/ is empty)");
        }
        throw new ProbeException(folder, "a Hugging Face cache folder with " + all.size() + " snapshots and no"
                + " refs/main to choose: give one as --model (" + String.join(", ", all.stream()
                        .map(p -> p.getFileName().toString()).toList()) + ")");
    }
}
