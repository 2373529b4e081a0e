package dev.probe.model.checkpoint;

import dev.probe.ProbeException;
import dev.probe.io.HalfFloat;
import dev.probe.model.checkpoint.RestrictedUnpickler.Storage;
import dev.probe.model.checkpoint.RestrictedUnpickler.TensorRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code pytorch_model.bin} written by {@code torch.save} (PyTorch 1.6 and later): a zip archive holding
 * {@code <folder>/data.pkl}, the pickled state dict, and one entry {@code <folder>/data/<key>} per storage, stored
 * uncompressed. The pickle is read by {@link RestrictedUnpickler}, which executes nothing and refuses every global a
 * state dict does not need; the storages are memory-mapped in place.
 *
 * <p>Every tensor is checked when the file is opened: its storage entry must exist with the declared size, and its
 * offset, shape and strides must stay inside the storage. Strided (non-contiguous) tensors are copied in row-major
 * order; tensors whose strides overlap (more elements than their storage span) are refused. F32, F16 and BF16 tensors
 * are read as float32; other dtypes are listed but refused when read. The legacy (pre-1.6) format is refused with a
 * hint to re-save the file.
 */
public final class TorchZipReader implements Checkpoint {
    /** The largest {@code data.pkl} read; a state dict of 10^5 tensors pickles to a few MiB. */
    private static final long MAX_PICKLE = 512L << 20;

    private final Path file;
    private final FileChannel channel;
    private final Map<String, TensorRef> tensors;
    private final Map<String, ZipDirectory.Entry> storages;

    private TorchZipReader(Path file, FileChannel channel, Map<String, TensorRef> tensors,
            Map<String, ZipDirectory.Entry> storages) {
        this.file = file;
        this.channel = channel;
        this.tensors = tensors;
        this.storages = storages;
    }

    /** Opens and validates a zip-format {@code torch.save} state dict. */
    public static TorchZipReader open(Path file) throws ProbeException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            ByteBuffer magic = ZipDirectory.read(channel, 0, (int) Math.min(size, 4));
            if (size >= 2 && Byte.toUnsignedInt(magic.get(0)) == 0x80) {
                throw new ProbeException(file, "legacy torch.save format (PyTorch before 1.6), which this tool does"
                        + " not read: re-save it with torch.save(torch.load(path), path) in PyTorch 1.6 or later, or"
                        + " convert it to model.safetensors");
            }
            if (size < 4 || magic.getInt(0) != 0x04034b50) {
                throw new ProbeException(file, "not a zip-format torch.save file (no zip header)");
            }
            Map<String, ZipDirectory.Entry> entries = ZipDirectory.read(file, channel);
            String prefix = archivePrefix(file, entries);
            ZipDirectory.Entry pickle = entries.get(prefix + "data.pkl");
            if (!pickle.stored()) {
                throw new ProbeException(file, "zip entry " + pickle.name() + " is compressed; torch.save stores"
                        + " entries uncompressed: re-save the file with torch.save");
            }
            if (pickle.size() > MAX_PICKLE) {
                throw new ProbeException(file, pickle.name() + " of " + pickle.size() + " bytes is larger than the "
                        + (MAX_PICKLE >> 20) + " MiB this tool reads");
            }
            ZipDirectory.Entry byteOrder = entries.get(prefix + "byteorder"); // written by PyTorch 2.1 and later
            if (byteOrder != null && (!byteOrder.stored() || byteOrder.size() > 16 || !"little".equals(new String(
                    ZipDirectory.read(channel, byteOrder.dataOffset(), (int) byteOrder.size()).array(),
                    StandardCharsets.US_ASCII)))) {
                throw new ProbeException(file, "saved on a big-endian machine (" + byteOrder.name() + " is not"
                        + " 'little'): only little-endian checkpoints are read");
            }
            byte[] bytes = ZipDirectory.read(channel, pickle.dataOffset(), (int) pickle.size()).array();
            Map<String, TensorRef> tensors = RestrictedUnpickler.stateDict(file, bytes);
            Map<String, ZipDirectory.Entry> storages = new HashMap<>();
            for (Map.Entry<String, TensorRef> t : tensors.entrySet()) {
                check(file, t.getKey(), t.getValue(), prefix, entries, storages);
            }
            return new TorchZipReader(file, channel, Collections.unmodifiableMap(tensors), storages);
        } catch (NoSuchFileException e) {
            throw new ProbeException(file, "no such file");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ProbeException(file, "cannot read torch.save file: " + e.getMessage(), e);
        } catch (ProbeException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The folder of {@code data.pkl} (the name given to torch.save, often {@code archive/}), with its slash. */
    private static String archivePrefix(Path file, Map<String, ZipDirectory.Entry> entries) throws ProbeException {
        String found = null;
        for (String name : entries.keySet()) {
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                if (found != null) {
                    throw new ProbeException(file, "corrupt torch.save file: two data.pkl entries");
                }
                found = name.substring(0, slash + 1);
            }
        }
        if (found == null) {
            throw new ProbeException(file, "not a torch.save file: the zip archive has no <folder>/data.pkl");
        }
        String folder = found;
        if (entries.keySet().stream().anyMatch(n -> n.equals(folder + "constants.pkl")
                || n.startsWith(folder + "code/"))) {
            throw new ProbeException(file, "a TorchScript archive, not a state dict: give it to --model as a .pt file");
        }
        return found;
    }

    private static void check(Path file, String name, TensorRef t, String prefix,
            Map<String, ZipDirectory.Entry> entries, Map<String, ZipDirectory.Entry> storages) throws ProbeException {
        Storage s = t.storage();
        long elements = elements(t.shape());
        if (elements < 0) {
            throw new ProbeException(file, "tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", more elements than a file can hold");
        }
        ZipDirectory.Entry entry = entries.get(prefix + "data/" + s.key());
        if (entry == null) {
            throw new ProbeException(file, "corrupt torch.save file: tensor '" + name + "' needs storage entry "
                    + prefix + "data/" + s.key() + ", which is missing");
        }
        if (!entry.stored()) {
            throw new ProbeException(file, "zip entry " + entry.name() + " is compressed; torch.save stores"
                    + " entries uncompressed: re-save the file with torch.save");
        }
        if (s.elements() > entry.size() / s.dtype().bytes() || entry.size() != s.elements() * s.dtype().bytes()) {
            throw new ProbeException(file, "corrupt torch.save file: storage " + s.key() + " declares " + s.elements()
                    + " " + s.dtype() + " elements but its entry holds " + entry.size() + " bytes");
        }
        if (elements > 0) {
            long last = t.offset(); // the storage index of the tensor's last element
            for (int i = 0; i < t.shape().length; i++) {
                long step = multiplyOrMinusOne(t.shape()[i] - 1, t.stride()[i]);
                last = step < 0 || last > Long.MAX_VALUE - step ? -1 : last + step;
                if (last < 0) {
                    break;
                }
            }
            if (last < 0 || last >= s.elements()) {
                throw new ProbeException(file, "corrupt torch.save file: tensor '" + name + "' (offset " + t.offset()
                        + ", shape " + Arrays.toString(t.shape()) + ", stride " + Arrays.toString(t.stride())
                        + ") reaches past its storage of " + s.elements() + " elements");
            }
            if (elements > last - t.offset() + 1) {
                throw new ProbeException(file, "tensor '" + name + "' has overlapping strides " + Arrays.toString(
                        t.stride()) + " for shape " + Arrays.toString(t.shape()) + ": save a contiguous copy");
            }
        }
        storages.put(s.key(), entry);
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = multiplyOrMinusOne(n, d);
            if (n < 0) {
                return -1;
            }
        }
        return n;
    }

    private static long multiplyOrMinusOne(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public long[] shape(String name) throws ProbeException {
        return tensor(name).shape().clone();
    }

    private TensorRef tensor(String name) throws ProbeException {
        TensorRef t = tensors.get(name);
        if (t == null) {
            throw new ProbeException(file, "checkpoint has no tensor '" + name + "'");
        }
        return t;
    }

    @Override
    public float[] readFloats(String name) throws ProbeException {
        TensorRef t = tensor(name);
        TorchDtype dtype = t.storage().dtype();
        if (dtype != TorchDtype.F32 && dtype != TorchDtype.F16 && dtype != TorchDtype.BF16) {
            throw new ProbeException(file, "tensor '" + name + "' has dtype " + dtype
                    + ", which cannot be read as float (supported: F32, F16, BF16)");
        }
        long n = elements(t.shape());
        if (n > Integer.MAX_VALUE - 8) {
            throw new ProbeException(file, "tensor '" + name + "' is too large to read: " + n + " elements");
        }
        float[] out = new float[(int) n];
        if (n == 0) {
            return out;
        }
        int bytes = dtype.bytes();
        long span = 1; // elements from the first to the last of the tensor in the storage
        for (int i = 0; i < t.shape().length; i++) {
            span += (t.shape()[i] - 1) * t.stride()[i];
        }
        if (span > (Integer.MAX_VALUE - 8) / bytes) {
            throw new ProbeException(file, "tensor '" + name + "' spans too much of its storage to read: " + span
                    + " elements");
        }
        ZipDirectory.Entry entry = storages.get(t.storage().key());
        ByteBuffer view;
        try {
            view = channel.map(FileChannel.MapMode.READ_ONLY, entry.dataOffset() + t.offset() * bytes, span * bytes)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read tensor '" + name + "': " + e.getMessage(), e);
        }
        if (span == n) { // contiguous in some order; row-major exactly when the strides are the row-major ones
            if (rowMajor(t.shape(), t.stride()) && dtype == TorchDtype.F32) {
                view.asFloatBuffer().get(out);
                return out;
            }
            if (rowMajor(t.shape(), t.stride())) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = value(view, i, dtype);
                }
                return out;
            }
        }
        int rank = t.shape().length;
        long[] index = new long[rank];
        long at = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = value(view, (int) at, dtype);
            for (int d = rank - 1; d >= 0; d--) { // the next row-major index, and its storage position
                if (++index[d] < t.shape()[d]) {
                    at += t.stride()[d];
                    break;
                }
                at -= (index[d] - 1) * t.stride()[d];
                index[d] = 0;
            }
        }
        return out;
    }

    private static boolean rowMajor(long[] shape, long[] stride) {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    private static float value(ByteBuffer view, int index, TorchDtype dtype) {
        return switch (dtype) {
            case F32 -> view.getFloat(4 * index);
            case F16 -> HalfFloat.f16ToFloat(view.getShort(2 * index));
            case BF16 -> HalfFloat.bf16ToFloat(view.getShort(2 * index));
            default -> throw new IllegalStateException("unhandled dtype " + dtype);
        };
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing or closing; nothing to report
            }
        }
    }
}
