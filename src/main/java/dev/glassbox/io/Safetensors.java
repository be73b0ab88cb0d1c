package dev.glassbox.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.tensor.Tensor;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads and writes the safetensors format, the plain weight format of Hugging Face models:
 *
 * <pre>
 *   8 bytes   N, the header length, unsigned little-endian
 *   N bytes   JSON: {"__metadata__": {"key": "value", ...},
 *                    "wte.weight": {"dtype": "F32", "shape": [65, 64], "data_offsets": [0, 16640]}, ...}
 *             (padded with spaces so the data starts on an 8-byte boundary)
 *   the rest  every tensor's numbers, little-endian, row-major, at data_offsets from here
 * </pre>
 *
 * Nothing is executed and nothing but numbers is stored, unlike Java or Python (pickle)
 * serialization. Reading trusts nothing in the file: the header length is checked against the
 * file size before anything is allocated, and the tensors must tile the data section exactly
 * (contiguous, non-overlapping, each exactly {@code numel * dtype size} bytes). Every failure is a
 * {@link CheckpointException} naming the file, the tensor and what was expected.
 *
 * <p>We write F32. We read F32, and F16 / BF16 converted to float, for files made elsewhere.
 */
public final class Safetensors {
    private Safetensors() {}

    /** The largest header accepted, as in the reference implementation: 100 MB of JSON. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";
    private static final List<String> ENTRY_KEYS = List.of("dtype", "shape", "data_offsets");
    private static final int CHUNK_BYTES = 1 << 20; // a multiple of every dtype size

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)   // two tensors with one name is an error
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...} garbage" is an error
            .build();

    /**
     * One tensor as the header describes it.
     *
     * @param begin byte offset of its first number, counted from the start of the data section
     * @param end   byte offset just past its last number
     */
    public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
        public Entry {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** The number of elements: the product of the shape (1 for a scalar of shape []). */
        public long elementCount() {
            long n = 1;
            for (int d : shape) n *= d;
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && name.equals(e.name) && dtype == e.dtype && Arrays.equals(shape, e.shape)
                    && begin == e.begin && end == e.end;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
        }

        @Override
        public String toString() {
            return name + " " + dtype + Arrays.toString(shape) + " bytes " + begin + ".." + end;
        }
    }

    /**
     * A validated header.
     *
     * @param metadata  the "__metadata__" strings (empty if absent)
     * @param entries   the tensors in file order (by offset)
     * @param dataStart where the data section starts in the file: 8 + N, N the header length
     */
    public record Header(Map<String, String> metadata, List<Entry> entries, long dataStart) {
        public Header {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            entries = List.copyOf(entries);
        }

        /** The entry with this name, if the file has one. */
        public Optional<Entry> entry(String name) {
            return entries.stream().filter(e -> e.name().equals(name)).findFirst();
        }
    }

    /** A loaded file: its metadata and its tensors in file order. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
        public Contents {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    // ------------------------------------------------------------------------------------ write

    /** Writes the tensors as F32, in the map's iteration order, with no metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes the tensors as F32, in the map's iteration order (use a LinkedHashMap), and the
     * metadata strings under "__metadata__". Overwrites {@code file}; for a crash-safe save use
     * {@link Checkpoint}.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, null, false);
    }

    /** Writes the file, feeding every byte to {@code digest} (if given) and forcing it to disk if {@code sync}. */
    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
                      MessageDigest digest, boolean sync) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        byte[] header = headerBytes(tensors, metadata);

        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(header.length);
            writeFully(out, buffer.flip(), digest);
            writeFully(out, ByteBuffer.wrap(header), digest);
            for (Tensor t : tensors.values()) {
                float[] data = t.data();
                for (int from = 0; from < data.length; from += CHUNK_BYTES / Float.BYTES) {
                    int count = Math.min(CHUNK_BYTES / Float.BYTES, data.length - from);
                    buffer.clear();
                    buffer.asFloatBuffer().put(data, from, count); // the view inherits little-endian order
                    buffer.limit(count * Float.BYTES);
                    writeFully(out, buffer, digest);
                }
            }
            if (sync) out.force(true);
        } catch (java.nio.file.FileSystemException e) {
            throw e;                                         // its message names the file already
        } catch (IOException e) {
            throw new IOException(writeError(file, e), e);   // "No space left on device" alone does not say where
        }
    }

    /** "FILE: cannot write: REASON", for I/O errors whose message does not name the file. */
    static String writeError(Path file, IOException e) {
        return file + ": cannot write: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes so the data is aligned. */
    private static byte[] headerBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach((key, value) -> {
                if (key == null || value == null) {
                    throw new IllegalArgumentException("metadata key and value must not be null: " + key + " = " + value);
                }
                meta.put(key, value);
            });
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("tensor name must not be empty or null");
            if (name.equals(METADATA_KEY)) throw new IllegalArgumentException("tensor name " + METADATA_KEY + " is reserved for metadata");
            Tensor t = Objects.requireNonNull(e.getValue(), () -> "tensor '" + name + "' is null");
            ObjectNode entry = root.putObject(name);
            entry.put("dtype", DType.F32.name());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long end = offset + (long) t.size() * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the JSON header", e); // cannot happen for a tree of strings and numbers
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer, MessageDigest digest) throws IOException {
        if (digest != null) digest.update(buffer.duplicate());
        while (buffer.hasRemaining()) out.write(buffer);
    }

    // ------------------------------------------------------------------------------------- read

    /** Reads and validates the header only: what the file holds, without loading any numbers. */
    public static Header readHeader(Path file) throws IOException {
        try (Source in = new Source(file, null)) {
            return in.header();
        }
    }

    /** Loads every tensor. Fails if any cannot be loaded as floats (see {@link #read(Path, Predicate)}). */
    public static Contents read(Path file) throws IOException {
        return read(file, name -> true, null);
    }

    /**
     * Loads the tensors whose names {@code wanted} accepts; the others are skipped (but the whole
     * header is still validated). A wanted tensor must be F32, F16 or BF16 with every size at
     * least 1, since that is what a {@link Tensor} can hold.
     */
    public static Contents read(Path file, Predicate<String> wanted) throws IOException {
        return read(file, wanted, null);
    }

    /** As {@link #read(Path, Predicate)}, feeding every byte of the file to {@code digest} if given. */
    static Contents read(Path file, Predicate<String> wanted, MessageDigest digest) throws IOException {
        Objects.requireNonNull(wanted, "wanted");
        try (Source in = new Source(file, digest)) {
            return in.tensors(in.header(), wanted);
        }
    }

    private static void checkLoadable(Path file, Entry e) throws CheckpointException {
        if (!e.dtype().loadable()) {
            throw new CheckpointException(file, e.name(), "dtype " + e.dtype() + " cannot be loaded as floats; expected F32, F16 or BF16");
        }
        int[] shape = e.shape();
        if (shape.length == 0) {
            throw new CheckpointException(file, e.name(), "is a scalar (shape []); a Tensor needs at least one dimension");
        }
        for (int d : shape) {
            if (d == 0) throw new CheckpointException(file, e.name(), "shape " + Arrays.toString(shape) + " has no elements; a Tensor needs every size >= 1");
        }
        if (e.elementCount() > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file, e.name(), "has " + e.elementCount() + " elements; a Tensor holds at most 2^31 - 9");
        }
    }

    /** Parses and validates the JSON header; {@code dataBytes} is the size of the data section. */
    static Header parseHeader(Path file, byte[] json, long dataStart, long dataBytes) throws CheckpointException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new CheckpointException(file, null, "header is not valid JSON (" + why + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file, "header is not a JSON object {...} but " + (root == null ? "empty" : root.getNodeType()));
        }

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                parseMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(parseEntry(file, field.getKey(), field.getValue()));
            }
        }

        // the tensors must tile the data section: sorted by offset, each starts where the last ended
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expectedBegin = 0;
        String previous = null;
        for (Entry e : entries) {
            if (e.begin() < expectedBegin) {
                throw new CheckpointException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] overlap tensor '" + previous + "', which ends at " + expectedBegin);
            }
            if (e.begin() > expectedBegin) {
                throw new CheckpointException(file, e.name(), "data starts at byte " + e.begin() + " but "
                        + (previous == null ? "the data section starts at 0" : "tensor '" + previous + "' ends at " + expectedBegin)
                        + "; tensors must be contiguous");
            }
            expectedBegin = e.end();
            previous = e.name();
        }
        if (expectedBegin != dataBytes) {
            throw new CheckpointException(file, "the tensors cover " + expectedBegin + " bytes of data but the file holds "
                    + dataBytes + " after the header" + (expectedBegin > dataBytes ? " (the file is truncated)" : " (extra bytes at the end)"));
        }
        return new Header(metadata, entries, dataStart);
    }

    private static void parseMetadata(Path file, JsonNode node, Map<String, String> metadata) throws CheckpointException {
        if (node.isNull()) return;
        if (!node.isObject()) throw new CheckpointException(file, METADATA_KEY + " must be an object of strings, got " + node.getNodeType());
        for (Map.Entry<String, JsonNode> kv : node.properties()) {
            if (!kv.getValue().isTextual()) {
                throw new CheckpointException(file, METADATA_KEY + " value of '" + kv.getKey() + "' must be a string, got "
                        + kv.getValue().getNodeType());
            }
            metadata.put(kv.getKey(), kv.getValue().textValue());
        }
    }

    private static Entry parseEntry(Path file, String name, JsonNode node) throws CheckpointException {
        if (name.isEmpty()) throw new CheckpointException(file, "a tensor has an empty name");
        if (!node.isObject()) {
            throw new CheckpointException(file, name, "expected an object {dtype, shape, data_offsets}, got " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String key = member.getKey();
            if (!ENTRY_KEYS.contains(key)) throw new CheckpointException(file, name, "unexpected key '" + key + "'; expected dtype, shape, data_offsets");
        }
        for (String key : ENTRY_KEYS) {
            if (!node.has(key)) throw new CheckpointException(file, name, "missing '" + key + "'");
        }

        JsonNode dtypeNode = node.get("dtype");
        if (!dtypeNode.isTextual()) throw new CheckpointException(file, name, "dtype must be a string, got " + dtypeNode);
        DType dtype = DType.byName(dtypeNode.textValue()).orElseThrow(() -> new CheckpointException(file, name,
                "unknown dtype '" + dtypeNode.textValue() + "'; expected one of " + Arrays.toString(DType.values())));

        JsonNode shapeNode = node.get("shape");
        if (!shapeNode.isArray()) throw new CheckpointException(file, name, "shape must be an array of sizes, got " + shapeNode);
        int[] shape = new int[shapeNode.size()];
        long elements = 1;
        for (int d = 0; d < shape.length; d++) {
            JsonNode size = shapeNode.get(d);
            if (!size.isIntegralNumber() || !size.canConvertToInt() || size.intValue() < 0) {
                throw new CheckpointException(file, name, "size " + size + " of dimension " + d + " in shape " + shapeNode
                        + " is not an integer in 0.." + Integer.MAX_VALUE);
            }
            shape[d] = size.intValue();
            try {
                elements = Math.multiplyExact(elements, shape[d]);
            } catch (ArithmeticException overflow) {
                throw new CheckpointException(file, name, "shape " + shapeNode + " has more than 2^63 elements");
            }
        }

        JsonNode offsets = node.get("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointException(file, name, "data_offsets must be [begin, end], got " + offsets);
        }
        long[] beginEnd = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = offsets.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw new CheckpointException(file, name, "data_offsets " + offsets + " must hold two integers >= 0");
            }
            beginEnd[i] = o.longValue();
        }
        if (beginEnd[1] < beginEnd[0]) {
            throw new CheckpointException(file, name, "data_offsets " + offsets + " end before they begin");
        }
        long expectedBytes = elements > Long.MAX_VALUE / dtype.bytes() ? -1 : elements * dtype.bytes(); // -1: never matches
        if (beginEnd[1] - beginEnd[0] != expectedBytes) {
            throw new CheckpointException(file, name, "data_offsets " + offsets + " span " + (beginEnd[1] - beginEnd[0])
                    + " bytes, but shape " + shapeNode + " of " + dtype + " needs " + elements + " x " + dtype.bytes()
                    + " = " + expectedBytes);
        }
        return new Entry(name, dtype, shape, beginEnd[0], beginEnd[1]);
    }

    /**
     * The file read front to back: the length prefix, the header, then each tensor's bytes in
     * offset order. Every byte read goes to the digest, if one is given.
     */
    static final class Source implements Closeable {
        private final Path file;
        private final FileChannel channel;
        private final long fileSize;
        private final MessageDigest digest;
        private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

        Source(Path file, MessageDigest digest) throws IOException {
            this.file = Objects.requireNonNull(file, "file");
            this.digest = digest;
            String notAFile = InputFiles.whyNotARegularFile(file);   // a FIFO would block the open below forever
            if (notAFile != null) throw new CheckpointException(file, notAFile + "; expected a safetensors file");
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.fileSize = channel.size();
        }

        /** The digest every byte read so far went to (null if none was given). */
        MessageDigest digest() {
            return digest;
        }

        /** The tensors {@code wanted} accepts, read after {@link #header()}; the others are skipped. */
        Contents tensors(Header header, Predicate<String> wanted) throws IOException {
            // check every wanted tensor before allocating any, so nothing is half-loaded
            for (Entry e : header.entries()) if (wanted.test(e.name())) checkLoadable(file, e);

            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : header.entries()) {
                if (wanted.test(e.name())) {
                    tensors.put(e.name(), Tensor.of(readFloats(e), e.shape()));
                } else {
                    skip(e.end() - e.begin());
                }
            }
            return new Contents(header.metadata(), tensors);
        }

        Header header() throws IOException {
            if (fileSize < 8) {
                throw new CheckpointException(file, "the file is " + fileSize
                        + " bytes; a safetensors file starts with an 8-byte header length");
            }
            fill(8);
            long headerLength = buffer.getLong(); // unsigned in the format; huge values come out negative here
            long remaining = fileSize - 8;
            if (headerLength < 2 || headerLength > remaining || headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " is impossible: expected 2.." + Math.min(remaining, MAX_HEADER_BYTES)
                        + " (the file has " + remaining + " bytes after the length; is it truncated or not safetensors?)");
            }
            byte[] json = new byte[(int) headerLength]; // bounded by the file size and 100 MB above
            for (int done = 0; done < json.length; ) {
                int n = Math.min(CHUNK_BYTES, json.length - done);
                fill(n);
                buffer.get(json, done, n);
                done += n;
            }
            long dataStart = 8 + headerLength;
            return parseHeader(file, json, dataStart, fileSize - dataStart);
        }

        /** The entry's numbers as floats; the channel must be at the entry's first byte. */
        float[] readFloats(Entry e) throws IOException {
            float[] out = new float[(int) e.elementCount()];
            int dtypeBytes = e.dtype().bytes();
            long total = e.end() - e.begin();
            int index = 0;
            for (long done = 0; done < total; ) {
                int n = (int) Math.min(CHUNK_BYTES, total - done);
                fill(n);
                int count = n / dtypeBytes;
                switch (e.dtype()) {
                    case F32 -> buffer.asFloatBuffer().get(out, index, count);
                    case F16 -> { for (int i = 0; i < count; i++) out[index + i] = DType.halfToFloat(buffer.getShort()); }
                    case BF16 -> { for (int i = 0; i < count; i++) out[index + i] = DType.bfloat16ToFloat(buffer.getShort()); }
                    default -> throw new IllegalStateException("not loadable: " + e.dtype()); // checked before
                }
                index += count;
                done += n;
            }
            return out;
        }

        void skip(long bytes) throws IOException {
            if (digest == null) {
                channel.position(channel.position() + bytes);
                return;
            }
            for (long done = 0; done < bytes; ) { // the digest needs every byte
                int n = (int) Math.min(CHUNK_BYTES, bytes - done);
                fill(n);
                done += n;
            }
        }

        /** Reads exactly n bytes into the buffer (position 0, limit n). */
        private void fill(int n) throws IOException {
            buffer.clear().limit(n);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new CheckpointException(file, "the file ended at byte " + channel.position()
                            + " while more data was expected (was it changed while being read?)");
                }
            }
            buffer.flip();
            if (digest != null) digest.update(buffer.duplicate());
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
