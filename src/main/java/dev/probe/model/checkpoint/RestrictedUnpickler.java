package dev.probe.model.checkpoint;

import dev.probe.ProbeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code data.pkl} of a zip-format {@code torch.save} state dict without executing anything: a pickle
 * machine that knows only the opcodes pickle protocols 2 to 4 use for dicts, tuples, lists, strings and numbers, and
 * only the globals a state dict needs ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter} and the {@code torch.*Storage} classes). Any other global or opcode is
 * refused, naming it, before anything is built. No recursion, and every length is checked against the bytes left, so a
 * hostile pickle ends in a {@link ProbeException}, never in a deep stack or a huge allocation.
 */
final class RestrictedUnpickler {
    /** A {@code torch.save} storage: entry {@code data/<key>} of the archive. */
    record Storage(String key, TorchDtype dtype, long elements) {
    }

    /** A tensor view of a storage: element offset, shape and strides in elements. */
    record TensorRef(Storage storage, long offset, long[] shape, long[] stride) {
    }

    /** A whitelisted global, pushed by GLOBAL / STACK_GLOBAL. */
    private record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }
    }

    /** A pickle tuple. */
    private record Tuple(List<Object> items) {
    }

    /** Python's None. */
    private enum None { NONE }

    private final Path file;
    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Map<String, Storage> storages = new HashMap<>();

    private RestrictedUnpickler(Path file, byte[] pickle) {
        this.file = file;
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The state dict in {@code pickle}: tensor names to tensor views, in pickle order.
     *
     * @param file the checkpoint, for error messages
     * @throws ProbeException naming the file and the forbidden global or opcode, or what is malformed
     */
    static Map<String, TensorRef> stateDict(Path file, byte[] pickle) throws ProbeException {
        Object result = new RestrictedUnpickler(file, pickle).run();
        if (!(result instanceof Map<?, ?> map)) {
            throw new ProbeException(file, "the pickle holds " + describe(result) + ", not a state dict");
        }
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof TensorRef tensor)) {
                throw new ProbeException(file, "the state dict maps " + describe(e.getKey()) + " to "
                        + describe(e.getValue()) + ": only tensors by name are read (save model.state_dict())");
            }
            tensors.put(name, tensor);
        }
        return tensors;
    }

    private Object run() throws ProbeException {
        while (true) {
            int at = in.position();
            int op = u8();
            switch (op) {
                case 0x80 -> u8(); // PROTO
                case 0x95 -> bytes(8); // FRAME: a length hint only
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> marks.add(stack.size()); // MARK
                case '}' -> stack.add(new LinkedHashMap<>()); // EMPTY_DICT
                case ']' -> stack.add(new ArrayList<>()); // EMPTY_LIST
                case ')' -> stack.add(new Tuple(List.of())); // EMPTY_TUPLE
                case 'N' -> stack.add(None.NONE);
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 'K' -> stack.add((long) u8()); // BININT1
                case 'M' -> stack.add((long) Short.toUnsignedInt(in.getShort(need(2)))); // BININT2
                case 'J' -> stack.add((long) in.getInt(need(4))); // BININT
                case 0x8a -> stack.add(longInteger(u8())); // LONG1
                case 0x8b -> stack.add(longInteger(length(in.getInt(need(4)) & 0xFFFFFFFFL))); // LONG4
                case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong(need(8))))); // BINFLOAT (BE)
                case 'X' -> stack.add(utf8(length(in.getInt(need(4)) & 0xFFFFFFFFL))); // BINUNICODE
                case 0x8c -> stack.add(utf8(u8())); // SHORT_BINUNICODE
                case 0x8d -> stack.add(utf8(length(in.getLong(need(8))))); // BINUNICODE8
                case 'T' -> stack.add(latin1(length(in.getInt(need(4)) & 0xFFFFFFFFL))); // BINSTRING
                case 'U' -> stack.add(latin1(u8())); // SHORT_BINSTRING
                case 'B' -> stack.add(bytes(length(in.getInt(need(4)) & 0xFFFFFFFFL))); // BINBYTES
                case 'C' -> stack.add(bytes(u8())); // SHORT_BINBYTES
                case 't' -> stack.add(new Tuple(popMark())); // TUPLE
                case 0x85 -> stack.add(new Tuple(popN(1))); // TUPLE1
                case 0x86 -> stack.add(new Tuple(popN(2))); // TUPLE2
                case 0x87 -> stack.add(new Tuple(popN(3))); // TUPLE3
                case 'c' -> stack.add(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw corrupt("STACK_GLOBAL on " + describe(module) + " and " + describe(name));
                    }
                    stack.add(global(m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    stack.add(reduce(callable, args));
                }
                case 'Q' -> stack.add(persistentLoad(pop())); // BINPERSID
                case 'b' -> { // BUILD: the state of an OrderedDict (its _metadata attribute) or a tensor is not needed
                    pop();
                    Object target = peek();
                    if (!(target instanceof Map) && !(target instanceof TensorRef)) {
                        throw corrupt("BUILD on " + describe(target));
                    }
                }
                case 's' -> { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    dict(peek()).put(key(key), value);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    if (items.size() % 2 != 0) {
                        throw corrupt("SETITEMS with an odd number of items");
                    }
                    Map<Object, Object> dict = dict(peek());
                    for (int i = 0; i < items.size(); i += 2) {
                        dict.put(key(items.get(i)), items.get(i + 1));
                    }
                }
                case 'a' -> { // APPEND
                    Object value = pop();
                    list(peek()).add(value);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 'q' -> memo.put((long) u8(), peek()); // BINPUT
                case 'r' -> memo.put(in.getInt(need(4)) & 0xFFFFFFFFL, peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> stack.add(memoGet(u8())); // BINGET
                case 'j' -> stack.add(memoGet(in.getInt(need(4)) & 0xFFFFFFFFL)); // LONG_BINGET
                default -> throw new ProbeException(file, String.format(Locale.ROOT, "refuses pickle opcode 0x%02x at"
                        + " byte %d of data.pkl: not one a torch.save state dict uses", op, at));
            }
        }
    }

    private Object global(String module, String name) throws ProbeException {
        Global g = new Global(module, name);
        boolean allowed = switch (g.qualified()) {
            case "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter" ->
                    true;
            default -> module.equals("torch") && TorchDtype.ofStorage(name) != null;
        };
        if (!allowed) {
            throw new ProbeException(file, "refuses to load: the pickle calls the global '" + g.qualified()
                    + "', which a state dict of tensors never needs (nothing in the file is executed)");
        }
        return g;
    }

    private Object reduce(Object callable, Object args) throws ProbeException {
        if (!(callable instanceof Global g) || !(args instanceof Tuple tuple)) {
            throw corrupt("REDUCE on " + describe(callable) + " with " + describe(args));
        }
        List<Object> a = tuple.items();
        switch (g.qualified()) {
            case "collections.OrderedDict" -> {
                if (!a.isEmpty()) {
                    throw corrupt("OrderedDict called with arguments");
                }
                return new LinkedHashMap<>();
            }
            case "torch._utils._rebuild_parameter" -> {
                if (a.size() < 1 || !(a.get(0) instanceof TensorRef)) {
                    throw corrupt("_rebuild_parameter without a tensor");
                }
                return a.get(0);
            }
            case "torch._utils._rebuild_tensor_v2" -> {
                if (a.size() < 4 || !(a.get(0) instanceof Storage storage)) {
                    throw corrupt("_rebuild_tensor_v2 without (storage, offset, size, stride)");
                }
                long offset = nonNegative(a.get(1), "storage offset");
                long[] shape = longs(a.get(2), "size");
                long[] stride = longs(a.get(3), "stride");
                if (shape.length != stride.length) {
                    throw corrupt("tensor of size " + shape.length + " dimensions with " + stride.length + " strides");
                }
                return new TensorRef(storage, offset, shape, stride);
            }
            default -> throw corrupt("cannot call " + g.qualified());
        }
    }

    private Object persistentLoad(Object pid) throws ProbeException {
        // ('storage', torch.FloatStorage, key, location, numel)
        if (!(pid instanceof Tuple t) || t.items().size() != 5 || !"storage".equals(t.items().get(0))
                || !(t.items().get(1) instanceof Global type) || !(t.items().get(2) instanceof String key)) {
            throw corrupt("persistent id " + describe(pid) + " is not a torch.save storage");
        }
        long elements = nonNegative(t.items().get(4), "storage size");
        TorchDtype dtype = TorchDtype.ofStorage(type.name());
        if (!type.module().equals("torch") || dtype == null) {
            throw corrupt("storage of type " + type.qualified());
        }
        Storage storage = storages.computeIfAbsent(key, k -> new Storage(k, dtype, elements));
        if (storage.dtype() != dtype || storage.elements() != elements) {
            throw corrupt("storage '" + key + "' is declared twice with different types or sizes");
        }
        return storage;
    }

    private long[] longs(Object value, String what) throws ProbeException {
        if (!(value instanceof Tuple t) || t.items().size() > 64) {
            throw corrupt("tensor " + what + " is " + describe(value) + ", not a tuple of at most 64 integers");
        }
        long[] out = new long[t.items().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nonNegative(t.items().get(i), "tensor " + what);
        }
        return out;
    }

    private long nonNegative(Object value, String what) throws ProbeException {
        if (!(value instanceof Long v) || v < 0) {
            throw corrupt(what + " is " + describe(value) + ", not a non-negative integer");
        }
        return v;
    }

    /** A dict key: only scalars, so that hashing never walks a (possibly self-containing) container. */
    private Object key(Object o) throws ProbeException {
        if (!(o instanceof String) && !(o instanceof Long) && !(o instanceof Boolean)) {
            throw corrupt("dict key " + describe(o) + " (a state dict is keyed by names)");
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws ProbeException {
        if (!(o instanceof Map)) {
            throw corrupt("SETITEM on " + describe(o));
        }
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws ProbeException {
        if (!(o instanceof ArrayList)) {
            throw corrupt("APPEND on " + describe(o));
        }
        return (List<Object>) o;
    }

    private Object memoGet(long index) throws ProbeException {
        Object value = memo.get(index);
        if (value == null) {
            throw corrupt("memo entry " + index + " read before it was written");
        }
        return value;
    }

    private Object pop() throws ProbeException {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())) {
            throw corrupt("stack underflow at byte " + in.position());
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws ProbeException {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())) {
            throw corrupt("stack underflow at byte " + in.position());
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) throws ProbeException {
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(0, pop());
        }
        return items;
    }

    private List<Object> popMark() throws ProbeException {
        if (marks.isEmpty()) {
            throw corrupt("no MARK before byte " + in.position());
        }
        int from = marks.remove(marks.size() - 1);
        List<Object> top = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private int u8() throws ProbeException {
        return Byte.toUnsignedInt(in.get(need(1)));
    }

    /** The position of the next {@code n} bytes, which are consumed. */
    private int need(int n) throws ProbeException {
        if (in.remaining() < n) {
            throw corrupt("truncated pickle (" + n + " bytes needed at byte " + in.position() + ")");
        }
        int at = in.position();
        in.position(at + n);
        return at;
    }

    private int length(long n) throws ProbeException {
        if (n < 0 || n > in.remaining()) {
            throw corrupt("length " + n + " at byte " + in.position() + " runs past the end of the pickle");
        }
        return (int) n;
    }

    private byte[] bytes(int n) throws ProbeException {
        byte[] out = new byte[n];
        in.get(need(n), out);
        return out;
    }

    private String utf8(int n) throws ProbeException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String latin1(int n) throws ProbeException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    private String line() throws ProbeException {
        int start = in.position();
        for (int i = start; i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                String s = latin1(i - start);
                in.position(i + 1);
                return s;
            }
        }
        throw corrupt("truncated GLOBAL at byte " + start);
    }

    private Long longInteger(int n) throws ProbeException {
        if (n > 8) {
            throw corrupt("integer of " + n + " bytes at byte " + in.position());
        }
        byte[] b = bytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        if (n > 0 && n < 8 && b[n - 1] < 0) {
            v -= 1L << (8 * n); // two's complement of n bytes
        }
        return v;
    }

    private static String describe(Object o) {
        if (o instanceof String s) {
            return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
        }
        if (o instanceof Global g) {
            return g.qualified();
        }
        return o == null ? "nothing" : o instanceof Tuple ? "a tuple" : o instanceof Map ? "a dict"
                : o instanceof List ? "a list" : o instanceof TensorRef ? "a tensor" : o instanceof Storage
                ? "a storage" : o.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private ProbeException corrupt(String what) {
        return new ProbeException(file, "corrupt torch.save pickle (data.pkl): " + what);
    }
}
