package dev.glassbox.io;

import static org.junit.jupiter.api.Assertions.*;

import dev.glassbox.tensor.Tensor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files must fail with a {@link CheckpointException} that names the file and the problem:
 * never another exception, an OutOfMemoryError, or a hang (the timeout only guards against that).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SafetensorsCorruptionTest {
    @TempDir Path dir;

    /** A file with the given header JSON (unpadded) and data bytes. */
    static Path craft(Path file, String json, byte[] data) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return craft(file, header.length, header, data);
    }

    /** A file whose length prefix says {@code declaredLength}, whatever the header really is. */
    static Path craft(Path file, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(header).put(data);
        Files.write(file, b.array());
        return file;
    }

    private Path valid() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("wte.weight", Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        tensors.put("ln_f.bias", Tensor.vector(0.5f, -0.5f, 0.25f));
        tensors.put("h.0.attn.c_attn.weight", Tensor.zeros(3, 9));
        Path file = dir.resolve("valid.safetensors");
        Safetensors.write(file, tensors, Map.of("step", "3"));
        return file;
    }

    private static CheckpointException fails(Path file, String... fragments) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), "message names the file: " + message);
        for (String f : fragments) assertTrue(message.contains(f), "expected '" + f + "' in: " + message);
        return e;
    }

    @Test
    void everyTruncationFails() throws IOException {
        byte[] bytes = Files.readAllBytes(valid());
        Path cut = dir.resolve("cut.safetensors");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(cut), "cut at " + length);
            assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        }
    }

    @Test
    void damagedHeaderBytesFailCleanlyOrStillDescribeTheData() throws IOException {
        Path good = valid();
        byte[] bytes = Files.readAllBytes(good);
        long dataStart = Safetensors.readHeader(good).dataStart();
        Path bad = Files.write(dir.resolve("bad.safetensors"), bytes);
        int files = 0, failures = 0;
        byte[] replacements = {0, '"', '}', ',', '9', (byte) 0xff};
        try (RandomAccessFile damage = new RandomAccessFile(bad.toFile(), "rw")) { // one byte changed in place, then restored
            for (int position = 0; position < dataStart; position++) {
                for (int variant = 0; variant < replacements.length + 2; variant++) {
                    byte replacement = variant < replacements.length ? replacements[variant]
                            : (byte) (bytes[position] ^ (variant == replacements.length ? 0x01 : 0x40));
                    if (replacement == bytes[position]) continue;
                    damage.seek(position);
                    damage.write(replacement);
                    files++;
                    try {
                        var read = Safetensors.read(bad);
                        // a damage that leaves a valid file (a renamed tensor, a changed metadata letter)
                        // must still describe the data exactly: same number of floats as the data section
                        long floats = read.tensors().values().stream().mapToLong(Tensor::size).sum();
                        assertEquals(bytes.length - dataStart, floats * 4, "position " + position);
                    } catch (CheckpointException expected) {
                        failures++;
                        assertTrue(expected.getMessage().startsWith(bad.toString()), expected.getMessage());
                    }
                    damage.seek(position);
                    damage.write(bytes[position]);
                }
            }
        }
        assertTrue(files > 1000, "files tried: " + files);
        assertTrue(failures > files / 2, failures + " of " + files + " damaged files failed");
    }

    @Test
    void impossibleHeaderLengthsFailBeforeAllocating() throws IOException {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        fails(craft(dir.resolve("tiny"), 0, new byte[0], new byte[0]), "header length 0 is impossible");
        Files.write(dir.resolve("short"), new byte[] {1, 2, 3});
        fails(dir.resolve("short"), "3 bytes", "8-byte header length");
        fails(craft(dir.resolve("zero"), 0, json, new byte[0]), "header length 0 is impossible");
        fails(craft(dir.resolve("longer"), 3, json, new byte[0]), "header length 3 is impossible", "truncated");
        fails(craft(dir.resolve("negative"), -1L, json, new byte[0]), "header length 18446744073709551615");
        fails(craft(dir.resolve("2^62"), 1L << 62, json, new byte[0]), "impossible");
    }

    @Test
    void headerLongerThan100MbIsRefusedEvenIfTheFileIsThatBig() throws IOException {
        Path file = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(300_000_000L); // sparse: takes no disk space
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(200_000_000L).array());
        }
        fails(file, "header length 200000000 is impossible", "2..100000000");
    }

    @Test
    void malformedHeadersAreNamed() throws IOException {
        byte[] four = new byte[4];
        String[][] cases = {
            // header JSON, expected message fragments
            {"hello", "not valid JSON"},
            {"[1, 2]", "not a JSON object", "ARRAY"},
            {"   ", "not a JSON object"},
            {"{} x", "not valid JSON"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "Duplicate field 'a'"},
            {"{\"a\":3}", "'a'", "expected an object"},
            {"{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "empty name"},
            {"{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "'a'", "missing 'dtype'"},
            {"{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "missing 'shape'"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "missing 'data_offsets'"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", "unexpected key 'x'"},
            {"{\"a\":{\"dtype\":\"F99\",\"shape\":[1],\"data_offsets\":[0,4]}}", "unknown dtype 'F99'"},
            {"{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", "dtype must be a string"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":4,\"data_offsets\":[0,4]}}", "shape must be an array"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "size -1 of dimension 0"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "size 1.5", "not an integer"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}", "not an integer"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[9999999999],\"data_offsets\":[0,4]}}", "not an integer in 0..2147483647"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}", "2^63"},
            {"{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,4]}}", "span 4 bytes"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", "must be [begin, end]"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", "two integers >= 0"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,1e3]}}", "two integers >= 0"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", "end before they begin"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,4]}}", "span 4 bytes, but shape [3] of F32 needs 3 x 4 = 12"},
            {"{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}", "needs 1 x 2 = 2"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "'a'", "data starts at byte 4", "contiguous"},
            {"{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},\"b\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[3,5]}}", "'b'", "'a' ends at 2"},
            {"{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[2,4]}}", "overlap tensor 'a'"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "cover 8 bytes", "holds 4", "truncated"},
            {"{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", "cover 2 bytes", "holds 4", "extra bytes"},
            {"{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4611686018427387904,4611686018427387908]}}", "data starts at byte 4611686018427387904"},
            {"{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "value of 'k' must be a string"},
            {"{\"__metadata__\":[\"k\"],\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "__metadata__ must be an object"},
            {"[".repeat(100_000), "not valid JSON"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path file = craft(dir.resolve("case" + i++ + ".safetensors"), c[0], four);
            fails(file, Arrays.copyOfRange(c, 1, c.length));
        }
        // bytes that are not UTF-8 inside a name
        byte[] badUtf8 = "{\"a\u00ff\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.ISO_8859_1);
        fails(craft(dir.resolve("utf8.safetensors"), badUtf8.length, badUtf8, four), "not valid JSON");
    }
}
