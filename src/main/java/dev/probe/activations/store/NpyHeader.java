package dev.probe.activations.store;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The header of a NumPy {@code .npy} file.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, one byte major and one byte minor version, the header length {@code HLEN}
 * (unsigned little-endian; 2 bytes in version 1.0, 4 bytes in 2.0 and 3.0), then {@code HLEN} bytes of a Python dict
 * literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}, padded with spaces and ended by
 * {@code \n} so that the array data, which follows at once, starts at a multiple of 64 bytes.
 *
 * @param descr the NumPy type descriptor, such as {@code "<f4"}
 * @param fortranOrder whether the data is in column-major order (never true for files this tool reads or writes)
 * @param shape the array dimensions (copied; an n-dimensional shape, though stores use {@code [rows, cols]})
 * @param dataOffset the byte offset of the array data in the file
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape, long dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int MAX_HEADER_BYTES = 1 << 24;
    private static final int GROWTH_AXIS_DIGITS = 21;

    /** Checks the values; the shape is copied. */
    public NpyHeader {
        Objects.requireNonNull(descr, "descr");
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        if (dataOffset < 0) {
            throw new IllegalArgumentException("negative data offset " + dataOffset);
        }
    }

    /** The header of a C-order array of {@code dtype} with the given shape, its data offset computed as NumPy does. */
    public static NpyHeader of(StoreDtype dtype, long... shape) {
        NpyHeader draft = new NpyHeader(dtype.descr(), false, shape, 0);
        return new NpyHeader(dtype.descr(), false, shape, draft.encode().length);
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The element type. @throws IllegalArgumentException when the descriptor is not {@code <f4} or {@code <f2} */
    public StoreDtype dtype() {
        return StoreDtype.parse(descr);
    }

    /**
     * The bytes of this header as NumPy writes them: version 1.0 unless the padded dict exceeds 65535 bytes, then 2.0;
     * the dict is followed by the spaces NumPy reserves for growing the first axis, then by 1 to 64 spaces and {@code \n}.
     * Their length is the offset at which the data starts (a multiple of 64).
     */
    public byte[] encode() {
        String dims = shape.length == 1 ? shape[0] + ","
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': (" + dims + "), }";
        if (shape.length > 0) { // NumPy leaves room for the growth axis to be rewritten in place
            long growth = shape[fortranOrder ? shape.length - 1 : 0];
            dict += " ".repeat(Math.max(0, GROWTH_AXIS_DIGITS - Long.toString(growth).length()));
        }
        int prefix = MAGIC.length + 2 + 2;
        int major = 1;
        if (padded(prefix, dict) > 0xffff) {
            prefix = MAGIC.length + 2 + 4;
            major = 2;
        }
        int pad = padded(prefix, dict) - dict.length() - 1;
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) text.length);
        } else {
            out.putInt(text.length);
        }
        return out.put(text).array();
    }

    /** The header text length after NumPy's padding: 1 to 64 spaces and a newline, ending at a multiple of 64. */
    private static int padded(int prefix, String dict) {
        int unpadded = prefix + dict.length() + 1;
        return dict.length() + 1 + ALIGN - unpadded % ALIGN;
    }

    /**
     * Reads and checks the header of a {@code .npy} file: NumPy format version 1, 2 or 3, C order, little-endian
     * float32 or float16. The shape is not checked here (see {@link NpyMatrix#open}).
     *
     * @throws ProbeException naming the file when it is missing, not a {@code .npy} file, or of an unsupported kind
     */
    public static NpyHeader read(Path file) throws ProbeException {
        return read(file, java.util.Set.of(StoreDtype.FLOAT32.descr(), StoreDtype.FLOAT16.descr()));
    }

    /**
     * Reads and checks the header of a {@code .npy} file as {@link #read(Path)} does, accepting the given
     * little-endian descriptors ({@code "<f8"}, {@code "<i4"}, …).
     *
     * @throws ProbeException naming the file when it is missing, not a {@code .npy} file, or of another kind
     */
    public static NpyHeader read(Path file, java.util.Set<String> descrs) throws ProbeException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = readFully(ch, 0, MAGIC.length + 2, file);
            for (byte b : MAGIC) {
                if (start.get() != b) {
                    throw new ProbeException(file, "not a NumPy .npy file (bad magic bytes)");
                }
            }
            int major = start.get() & 0xff;
            int minor = start.get() & 0xff;
            if (major < 1 || major > 3) {
                throw new ProbeException(file, "unsupported .npy format version " + major + "." + minor);
            }
            int lenBytes = major == 1 ? 2 : 4;
            ByteBuffer len = readFully(ch, start.capacity(), lenBytes, file).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = major == 1 ? len.getShort() & 0xffff : len.getInt() & 0xffffffffL;
            if (headerLength > MAX_HEADER_BYTES) {
                throw new ProbeException(file, "malformed .npy header: length " + headerLength + " is implausible");
            }
            long offset = start.capacity() + lenBytes;
            ByteBuffer text = readFully(ch, offset, (int) headerLength, file);
            Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            Map<String, Object> dict = new DictParser(charset.decode(text).toString(), file).parse();
            return checked(dict, offset + headerLength, file, descrs);
        } catch (NoSuchFileException e) {
            throw new ProbeException(file, "file not found", e);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static NpyHeader checked(Map<String, Object> dict, long dataOffset, Path file, java.util.Set<String> descrs)
            throws ProbeException {
        if (!(dict.get("descr") instanceof String descr)) {
            throw new ProbeException(file, "malformed .npy header: no string 'descr'");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new ProbeException(file, "malformed .npy header: no boolean 'fortran_order'");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new ProbeException(file, "malformed .npy header: no tuple 'shape'");
        }
        if (fortran) {
            throw new ProbeException(file, "Fortran-order arrays are not supported; save numpy.ascontiguousarray(a)");
        }
        if (descr.startsWith(">")) {
            throw new ProbeException(file, "big-endian data ('" + descr + "') is not supported; save as '<"
                    + descr.substring(1) + "'");
        }
        if (!descrs.contains(descr)) {
            throw new ProbeException(file, "unsupported dtype '" + descr + "'; expected " + descrs.stream().sorted()
                    .map(d -> "'" + d + "'").collect(Collectors.joining(" or ")));
        }
        return new NpyHeader(descr, false, shape, dataOffset);
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path file)
            throws IOException, ProbeException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new ProbeException(file, "not a NumPy .npy file (truncated header: " + ch.size() + " bytes)");
            }
        }
        return buf.flip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && descr.equals(h.descr) && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape) && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(descr, fortranOrder, Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[descr=" + descr + ", fortranOrder=" + fortranOrder + ", shape=" + Arrays.toString(shape)
                + ", dataOffset=" + dataOffset + "]";
    }

    /** Parses the Python literal subset NumPy writes: a dict of quoted keys to strings, booleans and int tuples. */
    private static final class DictParser {
        private final String s;
        private final Path file;
        private int i;

        DictParser(String s, Path file) {
            this.s = s;
            this.file = file;
        }

        Map<String, Object> parse() throws ProbeException {
            Map<String, Object> dict = new HashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                dict.put(key, value());
                if (peek() != ',') {
                    break;
                }
                i++;
            }
            expect('}');
            if (peek() != 0) {
                throw error("unexpected text after the dict");
            }
            return dict;
        }

        private Object value() throws ProbeException {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", i) || s.startsWith("False", i)) {
                boolean value = s.startsWith("True", i);
                i += value ? 4 : 5;
                return value;
            }
            throw error("unexpected value");
        }

        private long[] tuple() throws ProbeException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (peek() != ')') {
                int begin = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (begin == i) {
                    throw error("expected a non-negative integer in the shape");
                }
                if (i - begin > 18) {
                    throw error("a dimension of " + (i - begin) + " digits is implausible");
                }
                dims.add(Long.parseLong(s.substring(begin, i)));
                if (i < s.length() && s.charAt(i) == 'L') {
                    i++;
                }
                if (peek() != ',') {
                    break;
                }
                i++;
            }
            expect(')');
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private String string() throws ProbeException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted key");
            }
            int end = s.indexOf(quote, i + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String text = s.substring(i + 1, end);
            i = end + 1;
            return text;
        }

        private void expect(char c) throws ProbeException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        /** The next non-blank character (without consuming it), or 0 at the end. */
        private char peek() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i < s.length() ? s.charAt(i) : 0;
        }

        private ProbeException error(String what) {
            String text = s.strip().replaceAll("\\p{Cntrl}", "?");
            return new ProbeException(file, "malformed .npy header: " + what + " at character " + i + " of "
                    + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
    }
}
