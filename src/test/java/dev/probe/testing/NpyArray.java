package dev.probe.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, independent reader of NumPy {@code .npy} test fixtures of any rank ({@code <f4} or {@code <i8}, C order),
 * kept apart from the production store reader so the two check each other.
 *
 * @param shape the array shape
 * @param floats the values as doubles-free float32 (for {@code <i8} files, the integers converted)
 * @param longs the values as integers (for {@code <f4} files, null)
 */
public record NpyArray(long[] shape, float[] floats, long[] longs) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Reads a whole file. */
    public static NpyArray read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.get(0) != (byte) 0x93 || buf.get(1) != 'N') {
            throw new IOException(file + ": not an npy file");
        }
        int major = buf.get(6);
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(buf.array(), start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": unsupported npy header " + header);
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        buf.position(start + headerLength);
        switch (d.group(1)) {
            case "<f4" -> {
                float[] f = new float[n];
                buf.asFloatBuffer().get(f);
                return new NpyArray(shape, f, null);
            }
            case "<i8" -> {
                long[] l = new long[n];
                buf.asLongBuffer().get(l);
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = l[i];
                }
                return new NpyArray(shape, f, l);
            }
            default -> throw new IOException(file + ": unsupported dtype " + d.group(1));
        }
    }
}
