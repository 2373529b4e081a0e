package dev.probe.model.checkpoint;

/**
 * The element types of {@code torch.save} storages, by their storage class ({@code torch.FloatStorage}, …). Only
 * F32, F16 and BF16 tensors are read (as float32); the others may appear in a state dict (integer buffers such as
 * {@code position_ids}) and are listed but refused when read.
 */
enum TorchDtype {
    F32("FloatStorage", 4), F16("HalfStorage", 2), BF16("BFloat16Storage", 2), F64("DoubleStorage", 8),
    I64("LongStorage", 8), I32("IntStorage", 4), I16("ShortStorage", 2), I8("CharStorage", 1), U8("ByteStorage", 1),
    BOOL("BoolStorage", 1);

    private final String storage;
    private final int bytes;

    TorchDtype(String storage, int bytes) {
        this.storage = storage;
        this.bytes = bytes;
    }

    /** Bytes per element. */
    int bytes() {
        return bytes;
    }

    /** The dtype of {@code torch.<name>}, or null when {@code name} is not a storage class. */
    static TorchDtype ofStorage(String name) {
        for (TorchDtype d : values()) {
            if (d.storage.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
