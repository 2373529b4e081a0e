package dev.probe.model.onnx;

/**
 * Bytes that are not valid protobuf wire format: a truncated field, an over-long varint, an unknown wire type.
 * {@link OnnxGraph#read} turns it into a {@link dev.probe.ProbeException} naming the file.
 */
public final class MalformedProtoException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param position the byte offset (from the start of the outermost buffer) where the problem was found
     * @param message what is wrong
     */
    public MalformedProtoException(long position, String message) {
        super(message + " at byte " + position);
    }
}
