package dev.probe.atlas;

import dev.probe.Provenance;
import java.util.List;

/**
 * The content of {@code neurons.json}: the profiles of a few neurons of one store, and where their pages are.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param tool who wrote it and when
 * @param store the store profiled
 * @param model the model's alias or path, as the store's manifest names it
 * @param point "hidden" or "ffn"
 * @param labelColumn the annotation column whose values are the classes
 * @param options how much each profile shows
 * @param pages the page of each neuron, file names in the same folder, in the order of {@code profiles}
 * @param profiles one per neuron, in the order asked for
 * @param task the task's name when the pages belong to a ranking (a pipeline's task name), else null
 */
public record NeuronsReport(int formatVersion, Provenance tool, StoreRef store, String model, String point,
        String labelColumn, ProfileOptions options, List<String> pages, List<NeuronProfile> profiles, String task) {

    /** The format version this code writes. */
    public static final int FORMAT_VERSION = 1;
    /** The file name inside the output folder. */
    public static final String FILE_NAME = "neurons.json";

    /** Copies the lists. */
    public NeuronsReport {
        pages = List.copyOf(pages);
        profiles = List.copyOf(profiles);
    }

    /**
     * @param path the store folder
     * @param manifestSha256 SHA-256 of its manifest.json
     * @param rows its rows (words)
     */
    public record StoreRef(String path, String manifestSha256, long rows) {
    }
}
