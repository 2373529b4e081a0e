package dev.probe.model;

import java.util.Locale;

/** Where in the network neurons are read. */
public enum ProbePoint {
    /** The hidden state: the embedding output (layer 0) and each block's output (layers 1..L). */
    HIDDEN,
    /** The FFN neurons of each block (layers 1..L): the post-activation input of the FFN output projection. */
    FFN;

    /** The lower-case name used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
