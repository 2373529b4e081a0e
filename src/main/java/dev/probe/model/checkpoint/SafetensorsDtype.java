package dev.probe.model.checkpoint;

import dev.probe.ProbeException;
import java.nio.file.Path;

/** The tensor element types this reader accepts; every one is widened to float32 when read. */
public enum SafetensorsDtype {
    F32(4), F16(2), BF16(2);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    static SafetensorsDtype parse(Path file, String tensor, String text) throws ProbeException {
        for (SafetensorsDtype dtype : values()) {
            if (dtype.name().equals(text)) {
                return dtype;
            }
        }
        throw new ProbeException(file, "unsupported dtype " + text + " of tensor '" + tensor
                + "' (supported: F32, F16, BF16)");
    }
}
